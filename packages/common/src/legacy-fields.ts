// The resource timeline was called `focus_milli` while simforge simulated Beast Mastery only:
// TimelineSums field 2 (partials) and JobTimeline field 3 (the timeline_pb column). It is
// `resource_milli` under new field numbers now and the old numbers are reserved, so nothing
// writes them again. Bytes written before the rename (a stored timeline_pb, a partial from a
// node not yet upgraded) still carry them: this is where they are read. Generated code keeps
// such fields as unknown fields; the fast partial decoder reads field 2 itself.
import type { UnknownField } from '@bufbuild/protobuf';
import { WireError } from './wire-errors.ts';
import { LENGTH_DELIMITED, Malformed, Reader, VARINT } from './wire-reader.ts';

/** The retired field numbers of `focus_milli`, by message. */
export const LEGACY_FOCUS_MILLI_FIELD = { timelineSums: 2, jobTimeline: 3 } as const;

/**
 * The values of a repeated uint64 that protobuf-es kept as unknown fields (`data` is the raw
 * field without its tag: a length and the packed varints, or one varint), in wire order.
 */
export function legacyUintsFromUnknown(
  unknown: readonly UnknownField[] | undefined,
  fieldNo: number,
  field: string,
): number[] {
  const out: number[] = [];
  for (const u of unknown ?? []) {
    if (u.no !== fieldNo) continue;
    const r = new Reader(u.data, u.data.length);
    try {
      if (u.wireType === LENGTH_DELIMITED) {
        const end = r.delimitedEnd();
        while (r.pos < end) {
          r.varint64();
          out.push(r.safeUint(out.length, field));
        }
        r.atEnd(end);
      } else if (u.wireType === VARINT) {
        r.varint64();
        out.push(r.safeUint(out.length, field));
      } else {
        throw new Malformed(`${field} has wire type ${u.wireType}`);
      }
    } catch (cause) {
      if (cause instanceof Malformed)
        throw new WireError('SF_WIRE_MALFORMED', `${field}: ${cause.message}`, { cause });
      throw cause;
    }
    const problem = r.firstProblem();
    if (problem !== null) throw problem;
  }
  return out;
}

/**
 * The resource timeline of a message that may predate the rename: the new field when it has
 * values, else the legacy one (a writer never fills both).
 */
export function resourceOrLegacy(resource: number[], legacy: () => number[]): number[] {
  return resource.length > 0 ? resource : legacy();
}

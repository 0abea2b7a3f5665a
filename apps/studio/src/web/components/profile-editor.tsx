// A plain textarea with a line-number gutter and a highlight layer behind the text, so a
// validation error sits on the very line it names as the player types. A code-editor library
// would triple the bundle for what a SimulationCraft profile needs (no syntax tree, no folding).
import { useMemo, useRef } from 'react';

/**
 * Past this many lines the gutter and the highlight layer are not drawn (a paste of megabytes
 * would be hundreds of thousands of rows): the text stays editable and the errors stay listed.
 */
const MAX_DRAWN_LINES = 5000;

export interface EditorError {
  line: number;
  column: number;
  message: string;
  code: string;
}

export function ProfileEditor(props: {
  value: string;
  onChange: (text: string) => void;
  errors: readonly EditorError[];
  /** Lines accepted but not simulated (consumables, the spec's default list standing in). */
  warnings?: readonly { line: number; column: number; message: string }[];
}) {
  const gutterRef = useRef<HTMLDivElement>(null);
  const backdropRef = useRef<HTMLDivElement>(null);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const lines = useMemo(() => props.value.split('\n'), [props.value]);
  const drawn = lines.length <= MAX_DRAWN_LINES;
  const errorsByLine = useMemo(() => {
    const map = new Map<number, EditorError[]>();
    for (const err of props.errors) map.set(err.line, [...(map.get(err.line) ?? []), err]);
    return map;
  }, [props.errors]);

  const syncScroll = () => {
    const ta = textareaRef.current;
    if (!ta) return;
    if (gutterRef.current) gutterRef.current.scrollTop = ta.scrollTop;
    if (backdropRef.current) {
      backdropRef.current.scrollTop = ta.scrollTop;
      backdropRef.current.scrollLeft = ta.scrollLeft;
    }
  };

  const jumpTo = (line: number, column: number) => {
    const ta = textareaRef.current;
    if (!ta) return;
    let offset = 0;
    for (let i = 0; i < line - 1 && i < lines.length; i++) offset += (lines[i]?.length ?? 0) + 1;
    offset += Math.max(column - 1, 0);
    ta.focus();
    ta.setSelectionRange(offset, offset);
  };

  return (
    <div className="editor-wrap">
      <div className="editor">
        <div className="gutter" ref={gutterRef} aria-hidden="true">
          {(drawn ? lines : []).map((_, i) => {
            const lineErrors = errorsByLine.get(i + 1);
            return (
              <div
                // biome-ignore lint/suspicious/noArrayIndexKey: a gutter row is its line number
                key={i}
                className={lineErrors ? 'gutter-line has-error' : 'gutter-line'}
                data-line={i + 1}
                title={lineErrors?.map((e) => e.message).join('\n')}
              >
                {i + 1}
              </div>
            );
          })}
        </div>
        <div className="editor-body">
          <div className="backdrop" ref={backdropRef} aria-hidden="true">
            {(drawn ? lines : []).map((text, i) => {
              const lineErrors = errorsByLine.get(i + 1);
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: a backdrop row is its line number
                <div key={i} className={lineErrors ? 'bd-line bd-error' : 'bd-line'}>
                  {text || ' '}
                  {lineErrors && (
                    // Drawn behind the transparent textarea, right after the line's own text.
                    <span className="bd-message" data-testid="inline-error">
                      {'   ◀ '}
                      {lineErrors[0]!.message}
                    </span>
                  )}
                </div>
              );
            })}
          </div>
          <textarea
            ref={textareaRef}
            name="profile"
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            wrap="off"
            value={props.value}
            onChange={(e) => props.onChange(e.target.value)}
            onScroll={syncScroll}
            aria-label="SimulationCraft profile"
          />
        </div>
      </div>
      {props.errors.length > 0 && (
        <ul className="editor-errors" data-testid="profile-errors">
          {props.errors.map((err) => (
            <li key={`${err.line}:${err.column}:${err.code}`} data-line={err.line}>
              <button type="button" className="link" onClick={() => jumpTo(err.line, err.column)}>
                Line {err.line}, column {err.column}
              </button>{' '}
              {err.message}
            </li>
          ))}
        </ul>
      )}
      {props.errors.length === 0 && (props.warnings?.length ?? 0) > 0 && (
        <ul className="editor-warnings muted" data-testid="profile-warnings">
          {props.warnings!.map((w) => (
            <li key={`${w.line}:${w.column}:${w.message}`} data-line={w.line}>
              <button type="button" className="link" onClick={() => jumpTo(w.line, w.column)}>
                Line {w.line}
              </button>{' '}
              {w.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

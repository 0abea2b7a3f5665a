// Game data: search spells by name or id, read one spell. game.* is readable by
// `authenticated`, so these run as the user like every other read.
import { asUser, runQuery } from '@simforge/db';
import {
  renderSpellText,
  SPELL_TEXT_MAX_DEPTH,
  type SpellData,
  spellTextReferences,
} from '@simforge/gamedata';
import type { FastifyInstance } from 'fastify';
import type { SpellResponse, SpellSearchResponse } from '../../api-contract.ts';
import { StudioApiError } from '../api-errors.ts';
import type { ResolvedStudioOptions } from '../options.ts';
import { requireUser } from '../request-auth.ts';

const SEARCH_LIMIT = 50;
const MAX_SPELL_ID = 2_147_483_647;

const searchSchema = {
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: { q: { type: 'string', maxLength: 100 } },
  },
} as const;

export function registerSpellRoutes(app: FastifyInstance, options: ResolvedStudioOptions): void {
  const { db } = options;

  app.get<{ Querystring: { q?: string }; Reply: SpellSearchResponse }>(
    '/api/spells',
    { schema: searchSchema },
    async (request) => {
      const user = requireUser(request.auth);
      const q = (request.query.q ?? '').trim();
      if (!q) return { spells: [] };
      const asId = /^\d{1,10}$/.test(q) && Number(q) <= MAX_SPELL_ID ? Number(q) : null;
      const pattern = q.replace(/[\\%_]/g, (c) => `\\${c}`);
      const res = await asUser(db, user.id, (tx) =>
        runQuery<{ id: number; name: string; school_mask: number }>(tx, 'studio_spells_search', [
          asId,
          pattern,
          SEARCH_LIMIT,
        ]),
      );
      return { spells: res.rows.map((r) => ({ id: r.id, name: r.name, schoolMask: r.school_mask })) };
    },
  );

  app.get<{ Params: { id: string }; Reply: SpellResponse }>('/api/spells/:id', async (request) => {
    const user = requireUser(request.auth);
    const id = /^\d{1,10}$/.test(request.params.id) ? Number(request.params.id) : Number.NaN;
    if (!Number.isSafeInteger(id) || id > MAX_SPELL_ID) throw new StudioApiError('SF_STUDIO_SPELL_NOT_FOUND');
    const { row, named } = await asUser(db, user.id, async (tx) => {
      const res = await runQuery<{
        id: number;
        name: string;
        school_mask: number;
        class_set_id: number;
        data: SpellData;
      }>(tx, 'studio_spells_get', [id]);
      const found = res.rows[0];
      if (!found) return { row: undefined, named: [] };
      // The spells the text names, and those their quoted texts name (renderSpellText follows
      // `$@spelldesc` that deep).
      const named: { id: number; data: SpellData }[] = [];
      const seen = new Set([found.id]);
      let texts = [found.data];
      for (let depth = 0; depth <= SPELL_TEXT_MAX_DEPTH && texts.length > 0; depth++) {
        const ids = texts
          .flatMap((t) => spellTextReferences(`${t.description} ${t.auraDescription}`))
          .filter((id) => !seen.has(id));
        for (const id of ids) seen.add(id);
        if (ids.length === 0) break;
        const rows = (await runQuery<{ id: number; data: SpellData }>(tx, 'studio_spells_data', [ids])).rows;
        named.push(...rows);
        texts = rows.map((r) => r.data);
      }
      return { row: found, named };
    });
    if (!row) throw new StudioApiError('SF_STUDIO_SPELL_NOT_FOUND');
    const spells = new Map(named.map((s) => [s.id, s.data]));
    const lookup = (other: number) => (other === row.id ? row.data : spells.get(other));
    return {
      spell: {
        id: row.id,
        name: row.name,
        schoolMask: row.school_mask,
        classSetId: row.class_set_id,
        description: renderSpellText(row.data.description ?? '', row.data, lookup),
        auraDescription: renderSpellText(row.data.auraDescription ?? '', row.data, lookup),
        data: row.data,
      },
    };
  });
}

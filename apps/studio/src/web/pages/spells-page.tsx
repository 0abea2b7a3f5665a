// Game data: find a spell by name or id and read the data the engine simulates it from.
import { useEffect, useState } from 'react';
import type { SpellDetail, SpellHit, SpellResponse, SpellSearchResponse } from '../../api-contract.ts';
import { ApiError, api } from '../api-client.ts';
import { SpellDataView } from '../components/spell-data-view.tsx';
import { linkProps } from '../router.ts';

export function SpellsPage({ spellId }: { spellId: number | null }) {
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SpellHit[]>([]);
  const [spell, setSpell] = useState<SpellDetail | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setHits([]);
      return;
    }
    const timer = setTimeout(() => {
      api
        .get<SpellSearchResponse>(`/api/spells?q=${encodeURIComponent(q)}`)
        .then((res) => setHits(res.spells))
        .catch((err) => setError(String(err)));
    }, 150);
    return () => clearTimeout(timer);
  }, [query]);

  useEffect(() => {
    setSpell(null);
    setError(null);
    if (spellId === null) return;
    api
      .get<SpellResponse>(`/api/spells/${spellId}`)
      .then((res) => setSpell(res.spell))
      .catch((err) => setError(err instanceof ApiError ? err.message : String(err)));
  }, [spellId]);

  return (
    <div className="spells">
      <section className="panel">
        <h2>Spells</h2>
        <input
          name="spellQuery"
          type="search"
          placeholder="name or id, e.g. Kill Command or 34026"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <ul className="spell-hits" data-testid="spell-hits">
          {hits.map((hit) => (
            <li key={hit.id}>
              <a {...linkProps(`/spells/${hit.id}`)}>
                {hit.name} <span className="muted mono">{hit.id}</span>
              </a>
            </li>
          ))}
        </ul>
      </section>
      <section className="panel">
        {error && <p className="error">{error}</p>}
        {spell ? (
          <>
            <h2>
              {spell.name} <span className="muted mono">#{spell.id}</span>
            </h2>
            <p className="muted">
              school mask {spell.schoolMask} · class set {spell.classSetId}
            </p>
            {spell.description && <p data-testid="spell-description">{spell.description}</p>}
            {spell.auraDescription && (
              <p className="muted" data-testid="spell-aura-description">
                {spell.auraDescription}
              </p>
            )}
            <SpellDataView data={spell.data} />
          </>
        ) : (
          !error && <p className="muted">Pick a spell to read its data.</p>
        )}
      </section>
    </div>
  );
}

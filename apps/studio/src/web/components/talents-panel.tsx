// The talents a profile takes, as the engine read them: the hero tree, then the class, spec and
// hero talents with their ranks. Talents the engine does not simulate yet are marked and named
// again below, so nothing a player chose is dropped without them seeing it.
import type { ResultTalent, TalentsView } from '@simforge/common';

const TREES: { tree: ResultTalent['tree']; label: string }[] = [
  { tree: 'class', label: 'Class' },
  { tree: 'spec', label: 'Spec' },
  { tree: 'hero', label: 'Hero' },
];

export function TalentsPanel({ talents }: { talents: TalentsView }) {
  return (
    <section className="panel talents" data-testid="talents">
      <h2>
        Talents{' '}
        <span className="muted" data-testid="hero-tree">
          {talents.heroTree ? `hero tree: ${talents.heroTree}` : 'no hero tree'}
        </span>
      </h2>
      {TREES.map(({ tree, label }) => {
        const chosen = talents.talents.filter((t) => t.tree === tree);
        if (chosen.length === 0) return null;
        return (
          <div key={tree} className="talent-tree">
            <h3>{label}</h3>
            <ul className="talent-list">
              {chosen.map((t) => (
                <li
                  key={`${t.token}-${t.ranks}`}
                  className={t.modelled ? 'talent' : 'talent unmodelled'}
                  data-testid="talent"
                  data-modelled={t.modelled}
                  title={t.modelled ? `talent.${t.token}` : `talent.${t.token}: not simulated yet`}
                >
                  {t.name}
                  {t.ranks > 1 && <span className="muted"> {t.ranks}</span>}
                  {!t.modelled && <abbr title="not simulated yet">*</abbr>}
                </li>
              ))}
            </ul>
          </div>
        );
      })}
      <p className="muted" data-testid="not-modelled">
        {talents.notModelled.length === 0
          ? 'Every chosen talent is simulated.'
          : `* Not simulated yet (${talents.notModelled.length}; the sim runs without them): ${talents.notModelled.join(', ')}.`}
      </p>
    </section>
  );
}

// The fight and how long to run it: the form beside every editor (Simulate, Compare, Stat
// Weights). What it gives is sent as SubmitOptions and appended to the profile by the server.
import { type ReactNode, useState } from 'react';
import { FIGHT_STYLE_NAMES, type SubmitOptions } from '../../api-contract.ts';

type Mode = 'iterations' | 'target_error';

export interface FightOptionsState {
  options: SubmitOptions;
  form: ReactNode;
}

/**
 * `comparison`: the choices say what they mean for variants (a fixed number each, or a race
 * in which the ones clearly behind stop early).
 */
export function useFightOptions({
  comparison = false,
  mode: initialMode = 'iterations',
}: {
  comparison?: boolean;
  /** The choice the form starts with. */
  mode?: Mode;
} = {}): FightOptionsState {
  const [fightLengthS, setFightLengthS] = useState(300);
  const [targets, setTargets] = useState(1);
  const [fightStyle, setFightStyle] = useState<string>(FIGHT_STYLE_NAMES[0]!);
  const [mode, setMode] = useState<Mode>(initialMode);
  const [iterations, setIterations] = useState(10_000);
  const [targetErrorPct, setTargetErrorPct] = useState(0.1);

  const options: SubmitOptions = {
    fightLengthS,
    targets,
    fightStyle,
    strategy:
      mode === 'iterations' ? { kind: 'fixed', iterations } : { kind: 'target_error', targetErrorPct },
  };
  const form = (
    <>
      <h2>Fight</h2>
      <label>
        Fight length (seconds)
        <input
          name="fightLengthS"
          type="number"
          min={10}
          max={1800}
          value={fightLengthS}
          onChange={(e) => setFightLengthS(Number(e.target.value))}
        />
      </label>
      <label>
        Targets
        <input
          name="targets"
          type="number"
          min={1}
          max={20}
          value={targets}
          onChange={(e) => setTargets(Number(e.target.value))}
        />
      </label>
      <label>
        Fight style
        <select name="fightStyle" value={fightStyle} onChange={(e) => setFightStyle(e.target.value)}>
          {FIGHT_STYLE_NAMES.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>Stop after</legend>
        <label className="inline">
          <input
            type="radio"
            name="mode"
            value="iterations"
            checked={mode === 'iterations'}
            onChange={() => setMode('iterations')}
          />
          a fixed number of iterations{comparison ? ' for every variant' : ''}
        </label>
        <label className="inline">
          <input
            type="radio"
            name="mode"
            value="target_error"
            checked={mode === 'target_error'}
            onChange={() => setMode('target_error')}
          />
          {comparison
            ? 'a race: variants clearly behind stop early, the rest run to a precision'
            : 'the DPS error is below a target'}
        </label>
      </fieldset>
      {mode === 'iterations' ? (
        <label>
          Iterations{comparison ? ' (each variant)' : ''}
          <input
            name="iterations"
            type="number"
            min={1}
            max={1_000_000}
            step={1000}
            value={iterations}
            onChange={(e) => setIterations(Number(e.target.value))}
          />
        </label>
      ) : (
        <label>
          {comparison
            ? 'Precision of each difference (% of the base DPS, 95%)'
            : 'Target error (% of mean DPS, 95%)'}
          <input
            name="targetErrorPct"
            type="number"
            min={0.01}
            max={5}
            step={0.01}
            value={targetErrorPct}
            onChange={(e) => setTargetErrorPct(Number(e.target.value))}
          />
        </label>
      )}
    </>
  );
  return { options, form };
}

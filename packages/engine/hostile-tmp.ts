import { readFileSync } from 'node:fs';
import { checkProfileWithData, planJob } from '@simforge/engine';

const base = readFileSync('packages/engine/profiles/beast-mastery.simc', 'utf8');
for (const n of [3000, 20000]) {
  const text =
    base.replace(/^actions=.*$/m, (l) => 'actions=call_action_list,name=l0\n' + l) +
    '\n' +
    Array.from({ length: n }, (_, i) => `actions.l${i}=call_action_list,name=l${i + 1}`).join('\n') +
    `\nactions.l${n}=kill_command\n`;
  const t = performance.now();
  try {
    const r = planJob(text);
    console.log(n, r.ok, (performance.now() - t).toFixed(0));
  } catch (e) {
    console.log('threw', String(e).slice(0, 200));
  }
}

// SIGKILLs a node in the middle of a job: after its first result for the job, and while the
// sentinel counts chunks it holds, so those can only come back by the lease (runs and the
// queued run mean it may hold them from an earlier claim).
import type { TestNode } from './node-processes.ts';
import type { PlatformHarness } from './platform-harness.ts';

export async function killMidJob(harness: PlatformHarness, victim: TestNode, jobId: string): Promise<void> {
  const victimKey = String((await victim.waitFor('registered')).publicKey);
  await victim.waitFor('chunk_completed', (e) => e.jobId === jobId);
  const deadline = Date.now() + 60_000;
  while (harness.sentinel.store.heldBy(victimKey) === 0) {
    if (Date.now() > deadline) throw new Error('the victim never held a chunk after its first result');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  victim.child.kill('SIGKILL');
}

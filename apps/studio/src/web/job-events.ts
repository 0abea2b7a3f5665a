// One EventSource per page for the signed-in user's job progress and status changes.
import { useEffect } from 'react';

export type JobEvent =
  | { type: 'progress'; id: string; iterationsDone: number; iterationsTarget: number }
  | { type: 'status'; id: string; status: string };

export function useJobEvents(onEvent: (event: JobEvent) => void): void {
  useEffect(() => {
    const source = new EventSource('/api/events');
    const handle = (e: MessageEvent<string>) => onEvent(JSON.parse(e.data) as JobEvent);
    source.addEventListener('progress', handle);
    source.addEventListener('status', handle);
    return () => source.close();
  }, [onEvent]);
}

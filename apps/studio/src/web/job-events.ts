// One EventSource per page for the signed-in user's job progress and status changes.
import { useEffect } from 'react';
import type { JobEvent } from '../api-contract.ts';

export function useJobEvents(onEvent: (event: JobEvent) => void): void {
  useEffect(() => {
    const source = new EventSource('/api/events');
    const handle = (e: MessageEvent<string>) => onEvent(JSON.parse(e.data) as JobEvent);
    source.addEventListener('progress', handle);
    source.addEventListener('status', handle);
    source.addEventListener('resync', handle);
    // EventSource reconnects by itself after a dropped stream; events sent while it was away
    // are gone, so the page re-reads its state (the server sends no resync for that case).
    let opened = false;
    source.addEventListener('open', () => {
      if (opened) onEvent({ type: 'resync' });
      opened = true;
    });
    return () => source.close();
  }, [onEvent]);
}

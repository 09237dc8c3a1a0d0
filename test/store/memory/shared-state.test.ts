// One process's side of the shared-state ports (server/store/memory/): what SQLite runs on.
import { describe, expect, it, vi } from 'vitest';
import { createMemoryBus } from '../../../server/store/memory/bus.js';
import { createMemoryLeases } from '../../../server/store/memory/leases.js';
import { createEventBus, type RequestChanged } from '../../../server/services/events.js';

const change = (siteId: string): RequestChanged => ({ siteId, number: 1, updatedAt: '2026-11-23T10:00:00.000Z', endUserIds: [], organizationId: null });

describe('the memory bus', () => {
  it('delivers to every listener as publish is called, until they unsubscribe', () => {
    const bus = createMemoryBus();
    const [first, second] = [vi.fn(), vi.fn()];
    const stopFirst = bus.subscribe(first);
    bus.subscribe(second);
    void bus.publish({ kind: 'site-changed', slug: 'demo' });
    expect(first).toHaveBeenCalledWith({ kind: 'site-changed', slug: 'demo' });
    expect(second).toHaveBeenCalledTimes(1);
    stopFirst();
    void bus.publish({ kind: 'site-changed', slug: 'demo' });
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).toHaveBeenCalledTimes(2);
  });

  it("carries the event bus to a site's listeners only, synchronously as before", () => {
    const events = createEventBus(createMemoryBus());
    const [onSite1, onSite2] = [vi.fn(), vi.fn()];
    events.subscribe('site_1', onSite1);
    const stop = events.subscribe('site_2', onSite2);
    events.publish(change('site_1'));
    expect(onSite1).toHaveBeenCalledWith(change('site_1'));
    expect(onSite2).not.toHaveBeenCalled();
    stop();
    events.publish(change('site_2'));
    expect(onSite2).not.toHaveBeenCalled();
  });
});

describe('memory leases', () => {
  it('skip a run while the previous one is still going, and run again after it ended, even if it failed', async () => {
    const leases = createMemoryLeases();
    let finish!: () => void;
    const first = leases.runExclusive('maintenance', () => new Promise<void>((resolve) => (finish = resolve)));
    expect(await leases.runExclusive('maintenance', async () => undefined)).toBe(false);
    expect(await leases.runExclusive('other', async () => undefined)).toBe(true);
    finish();
    expect(await first).toBe(true);
    await expect(leases.runExclusive('maintenance', () => Promise.reject(new Error('failed')))).rejects.toThrow('failed');
    expect(await leases.runExclusive('maintenance', async () => undefined)).toBe(true);
  });
});

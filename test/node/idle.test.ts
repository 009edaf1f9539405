/**
 * Idle-time index building (worker/idle.ts, used by worker/worker.ts after each load) and the
 * engine's lazy indexes it drives (Engine.warmUpSteps).
 */
import { describe, expect, test } from 'vitest';
import { runWhenIdle } from '../../worker/idle.js';
import { fixtureEngine } from '../support/engines.js';

/** A fake clock and timer queue: `advance(ms)` runs every timer due by then, in order. */
function fakeTime() {
  let t = 0;
  let timers: { at: number; run: () => void }[] = [];
  return {
    now: () => t,
    schedule: (run: () => void, ms: number) => void timers.push({ at: t + ms, run }),
    advance(ms: number) {
      const end = t + ms;
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        const due = timers[0];
        if (!due || due.at > end) break;
        timers = timers.slice(1);
        t = due.at;
        due.run();
      }
      t = end;
    },
  };
}

describe('runWhenIdle', () => {
  test('runs the steps in order, one per task, only after the idle period; activity postpones them', () => {
    const time = fakeTime();
    let lastActivity = 0;
    const ran: string[] = [];
    runWhenIdle([() => ran.push('a'), () => ran.push('b'), () => ran.push('c')], {
      idleMs: 100,
      lastActivity: () => lastActivity,
      stillWanted: () => true,
      now: time.now,
      schedule: time.schedule,
    });
    time.advance(99);
    expect(ran).toEqual([]);
    lastActivity = 90; // a query at t = 90: the first step waits until t = 190
    time.advance(50);
    expect(ran).toEqual([]);
    time.advance(41);
    expect(ran).toEqual(['a', 'b', 'c']);
  });

  test('a query between two steps postpones the rest; the run stops when no longer wanted or a step throws', () => {
    const time = fakeTime();
    let lastActivity = 0;
    let wanted = true;
    const ran: string[] = [];
    runWhenIdle(
      [
        () => {
          ran.push('a');
          lastActivity = time.now(); // a query arrives while the first step runs
        },
        () => ran.push('b'),
        () => ran.push('c'),
      ],
      { idleMs: 100, lastActivity: () => lastActivity, stillWanted: () => wanted, now: time.now, schedule: time.schedule },
    );
    time.advance(150);
    expect(ran).toEqual(['a']);
    time.advance(60);
    expect(ran).toEqual(['a', 'b', 'c']);

    const failing: string[] = [];
    runWhenIdle(
      [
        () => failing.push('x'),
        () => {
          throw new Error('index build failed');
        },
        () => failing.push('never'),
      ],
      {
        idleMs: 10,
        lastActivity: () => 0,
        stillWanted: () => true,
        now: time.now,
        schedule: time.schedule,
      },
    );
    time.advance(100);
    expect(failing).toEqual(['x']);

    const dropped: string[] = [];
    runWhenIdle([() => dropped.push('x'), () => dropped.push('y')], {
      idleMs: 10,
      lastActivity: () => 0,
      stillWanted: () => wanted,
      now: time.now,
      schedule: time.schedule,
    });
    wanted = false;
    time.advance(100);
    expect(dropped).toEqual([]);
  });
});

describe('Engine.warmUpSteps', () => {
  test('each step builds one lazy index, is idempotent, and changes no answer', async () => {
    const lazy = await fixtureEngine();
    const eager = await fixtureEngine();
    for (const step of eager.warmUpSteps()) step();
    for (const step of eager.warmUpSteps()) step(); // twice: no-op
    const routes = ['/online/soft_skills/results?skills=2.B.1.b', '/online/related_activities?keyword=analyst', '/info'];
    for (const route of routes) expect(eager.get(route)).toEqual(lazy.get(route));
    expect(eager.indexes.search()).toBe(eager.indexes.search());
    expect(eager.indexes.softSkills).toBe(eager.indexes.softSkills);
  });
});

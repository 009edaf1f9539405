/**
 * CDP access to the Workers a page starts: one CDP session on the page auto-attaches to its Worker
 * targets (`Target.setAutoAttach`, non-flat sessions) and sends them commands through
 * `Target.sendMessageToTarget`, matching each reply to its command. Used for the Worker heap and
 * for the mobile profile's CPU throttling.
 */
import type { BrowserContext, CDPSession, Page } from 'playwright-core';

export interface WorkerTargetOptions {
  /**
   * Called for each Worker as it attaches. With it, Workers start paused
   * (`waitForDebuggerOnStart`) and resume once it has settled, so nothing the Worker runs escapes
   * what it set up.
   */
  onAttach?: (targets: WorkerTargets, sessionId: string) => Promise<void>;
}

export class WorkerTargets {
  /** Attached Worker sessions, oldest first. */
  readonly sessions: { id: string; url: string }[] = [];
  private nextId = 0;
  private readonly pending = new Map<number, (m: { result?: unknown; error?: unknown }) => void>();
  private constructor(readonly cdp: CDPSession) {}

  static async attach(context: BrowserContext, page: Page, options: WorkerTargetOptions = {}): Promise<WorkerTargets> {
    const cdp = await context.newCDPSession(page);
    const targets = new WorkerTargets(cdp);
    const { onAttach } = options;
    cdp.on('Target.attachedToTarget', (e) => {
      if (e.targetInfo.type === 'worker') targets.sessions.push({ id: e.sessionId, url: e.targetInfo.url });
      if (onAttach) {
        void onAttach(targets, e.sessionId)
          .catch(() => undefined)
          .finally(() => targets.send(e.sessionId, 'Runtime.runIfWaitingForDebugger').catch(() => undefined));
      }
    });
    cdp.on('Target.detachedFromTarget', (e) => {
      const i = targets.sessions.findIndex((s) => s.id === e.sessionId);
      if (i >= 0) targets.sessions.splice(i, 1);
    });
    cdp.on('Target.receivedMessageFromTarget', (e) => {
      const m = JSON.parse(e.message) as { id?: number; result?: unknown; error?: unknown };
      if (m.id !== undefined) {
        targets.pending.get(m.id)?.(m);
        targets.pending.delete(m.id);
      }
    });
    await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: onAttach !== undefined, flatten: false });
    return targets;
  }

  /** Sends `method` to the Worker of `sessionId`; rejects with the CDP error, or after 30 s without a reply. */
  send(sessionId: string, method: string, params: object = {}): Promise<unknown> {
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`CDP ${method} timed out`));
      }, 30_000);
      this.pending.set(id, (m) => {
        clearTimeout(timer);
        if (m.error) reject(new Error(`CDP ${method}: ${JSON.stringify(m.error)}`));
        else resolve(m.result);
      });
      void this.cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
    });
  }
}

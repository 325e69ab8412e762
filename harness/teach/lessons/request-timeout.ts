import type { Scenario } from '../../../src/scenario.js';
import type { SetupContext, TaskContext } from '../../../src/scheduler/context.js';
import { bilingual, type Lesson } from '../lesson.js';

/** How long the client waits for the payment service's answer before retrying. */
const TIMEOUT_MS = 2_000;
/** Attempts the client makes before giving up. */
const ATTEMPTS = 2;

/** The payment service: a charge takes effect when the request arrives; its answer comes back when the scheduler says. */
function paymentService(ctx: SetupContext, dedupe: boolean) {
  const charged = new Map<string, number>();
  let charges = 0;
  const service = ctx.wrapObject({
    async charge(key: string): Promise<string> {
      if (dedupe && charged.has(key)) return `receipt ${charged.get(key)}`;
      charges++;
      charged.set(key, charges);
      return `receipt ${charges}`;
    },
  });
  return { service, charges: () => charges };
}

interface State {
  readonly payments: ReturnType<typeof paymentService>;
  /** Virtual ms since the start of the run (Date is faked under virtual time). */
  readonly now: () => number;
}

function verdict(s: State) {
  const n = s.payments.charges();
  if (n <= 1) return true;
  return bilingual({
    en: `the customer was charged ${n} times for one order (clock at ${s.now()} ms)`,
    zh: `同一个订单向顾客扣了 ${n} 次款（时钟在 ${s.now()} ms）`,
  });
}

/** Resolves to `undefined` after `ms` of (virtual) time. */
function timeout(ms: number): Promise<undefined> {
  return new Promise((resolve) => setTimeout(() => resolve(undefined), ms));
}

/**
 * The client: sends the charge, waits at most 2 seconds for the answer,
 * retries once. `keyFor(attempt)` is the request's idempotency key.
 */
function client(keyFor: (attempt: number) => string) {
  return async (ctx: TaskContext, s: State): Promise<void> => {
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      await ctx.step('send');
      ctx.note(`attempt ${attempt} · ${s.now()} ms`);
      const reply = s.payments.service.charge(keyFor(attempt));
      // Noted when it arrives, also after the client stopped waiting: the trace shows a late answer's clock.
      void reply.then((receipt) => ctx.note(`${receipt} · ${s.now()} ms`));
      const answer = await Promise.race([reply, timeout(TIMEOUT_MS)]);
      if (answer !== undefined) return;
    }
  };
}

function scenario(name: string, dedupe: boolean, keyFor: (attempt: number) => string): Scenario<State> {
  return {
    name,
    time: 'virtual',
    setup: (ctx) => {
      const start = Date.now();
      return { payments: paymentService(ctx, dedupe), now: () => Date.now() - start };
    },
    tasks: [client(keyFor)],
    invariant: verdict,
  };
}

// Each attempt is a new request to the service: nothing ties the retry to the first try.
const racy = scenario('teach/request-timeout', false, (attempt) => `order-1/attempt-${attempt}`);
// The same idempotency key on every attempt; the service answers a repeat with the first receipt.
const fixed = scenario('teach/request-timeout-idempotent', true, () => 'order-1');

export const requestTimeout: Lesson = {
  id: 'request-timeout',
  title: { en: 'a request that times out while its answer is on the way', zh: '请求超时了，而它的应答正在路上' },
  intro: {
    en: 'A client charges a customer through a payment service. It waits at most 2 seconds for the answer; if the timer fires first, it assumes the request was lost and sends it again. But a timeout says nothing about the request: the service may have charged already, and its answer may be on its way. racekit runs this under virtual time: setTimeout and Date are faked, each due timer is a yield point the scheduler orders against the answer, and the clock jumps to a timer\'s due time when it fires, so the 2 seconds cost nothing and the trace shows the clock at every step.',
    zh: '客户端通过支付服务向顾客扣款。它最多等待 2 秒应答；如果定时器先触发，它就认为请求丢失了，再发送一次。但超时并不说明请求的结果：支付服务可能已经扣过款，应答也许正在路上。racekit 在虚拟时间下运行这个程序：setTimeout 和 Date 是伪造的，每个到期的定时器都是一个让出点（yield point），由调度器决定它和应答谁先谁后；定时器触发时时钟直接跳到它的到期时间，所以这 2 秒不花任何真实时间，轨迹中每一步都带有时钟读数。',
  },
  racy,
  fixed,
  fixedRuns: 200,
  roles: [{ en: 'client', zh: '客户端' }],
  steps: {
    send: { en: 'sends the charge request to the payment service', zh: '向支付服务发送扣款请求' },
    [`timer ${TIMEOUT_MS}ms`]: {
      en: `the ${TIMEOUT_MS / 1000}-second timeout timer fires: the clock jumps to its due time and the client stops waiting for the answer`,
      zh: `${TIMEOUT_MS / 1000} 秒的超时定时器触发：时钟跳到它的到期时间，客户端不再等待应答`,
    },
    charge: { en: "the payment service's answer arrives (the charge was made when the request arrived)", zh: '支付服务的应答到达（请求到达时就已经扣款）' },
  },
  why: {
    en: 'the timer fired while the answer to the first attempt was still on its way. The service had already charged, but the client could not know that and sent a second, independent request, which charged again. A timeout means "no answer yet", not "not done".',
    zh: '第一次请求的应答还在路上时定时器就触发了。支付服务其实已经扣了款，但客户端无从得知，于是发出了第二个独立的请求，又扣了一次款。超时的意思是“还没有应答”，而不是“没有执行”。',
  },
  fix: {
    en: 'every attempt carries the same idempotency key (the order id), and the service answers a repeated key with the first receipt instead of charging again: a retry after a timeout is now safe whichever comes first, the timer or the answer.',
    zh: '每次尝试都带上同一个幂等键（订单号），支付服务遇到重复的键时返回第一次的收据而不再扣款：无论定时器和应答谁先到，超时后的重试现在都是安全的。',
  },
};

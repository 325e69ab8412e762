import { builtin, type BuiltinScenario } from '../builtin.js';
import { tcpScenario } from './scenario.js';

/** One `data` event taken for one message, as the seeds' `recv(1024)` servers do. */
export const naiveTcp = tcpScenario('naive');
/** Length-prefixed messages, reassembled whatever the chunking. */
export const framedTcp = tcpScenario('framed');

export { tcpScenario } from './scenario.js';
export { FrameParser, encodeFrame } from './frames.js';

/** The server-tcp family: message framing over node:net. */
export const serverTcpFamily: readonly BuiltinScenario[] = [
  builtin({ family: 'server-tcp', variant: 'naive', expect: 'fail', runs: 300, scenario: naiveTcp, summary: 'one data event is taken for one message: a message split across writes, or an empty one, gets the wrong replies' }),
  builtin({ family: 'server-tcp', variant: 'framed', expect: 'pass', runs: 40, scenario: framedTcp, summary: 'length-prefixed messages reassembled from any chunking: every reply equals its message, in order' }),
];

/** Each connection's replies must equal its messages, one for one, in order. */
export function echoOracle(sent: readonly (readonly Buffer[])[], replies: readonly (readonly Buffer[])[]): true | string {
  for (const [c, messages] of sent.entries()) {
    const got = replies[c] ?? [];
    for (let m = 0; m < Math.max(messages.length, got.length); m++) {
      const want = messages[m];
      const reply = got[m];
      if (want === undefined) return `client ${c + 1}: reply ${m + 1} (${reply!.length} bytes) answers no message: ${got.length} replies to ${messages.length} messages`;
      if (reply === undefined) return `client ${c + 1}: message ${m + 1} (${want.length} bytes) got no reply: ${got.length} replies to ${messages.length} messages`;
      if (!reply.equals(want)) return `client ${c + 1}: reply ${m + 1} is ${reply.length} bytes, not the ${want.length}-byte message ${m + 1} sent`;
    }
  }
  return true;
}

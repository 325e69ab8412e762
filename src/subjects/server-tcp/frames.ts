/** A length-prefixed frame: 4 bytes big-endian length, then the payload. */
export function encodeFrame(payload: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt32BE(payload.length);
  return Buffer.concat([header, payload]);
}

/**
 * Reassembles length-prefixed frames from a byte stream cut anywhere: a
 * `data` event may hold part of a frame, or several. This is the answer to
 * the seeds' closing question (how to make sure a file arrives whole).
 */
export class FrameParser {
  private buffer: Buffer = Buffer.alloc(0);

  /** Adds bytes; returns every frame they complete, in order. */
  push(chunk: Buffer): Buffer[] {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const frames: Buffer[] = [];
    while (this.buffer.length >= 4) {
      const length = this.buffer.readUInt32BE(0);
      if (this.buffer.length < 4 + length) break;
      frames.push(this.buffer.subarray(4, 4 + length));
      this.buffer = this.buffer.subarray(4 + length);
    }
    return frames;
  }

  /** Bytes of an incomplete frame still waiting for the rest. */
  get pending(): number {
    return this.buffer.length;
  }
}

import { join } from 'node:path';
import { z } from 'zod';
import { RelayWriteSchema, SignedTextSchema, type RelayResponse, type SignedText } from '../../../shared/venue/relay';
import { writeFileAtomic } from '../../fs/atomic-write';
import { readJsonFile } from '../../fs/json-file';
import { sha256Of } from './pack-files';

const DroppedSchema = z.strictObject({
  envelopeId: z.string(),
  envelope: SignedTextSchema,
  userId: z.string(),
  clientId: z.string(),
  count: z.int(),
  receivedAt: z.string(),
  state: z.enum(['waiting', 'delivered', 'refused']),
  receipt: SignedTextSchema.optional(),
  code: z.string().optional(),
});
type Dropped = z.infer<typeof DroppedSchema>;
const BoxSchema = z.strictObject({ dropped: z.array(DroppedSchema) });

export interface RelayUpload {
  (envelopes: SignedText[]): Promise<RelayResponse>;
}

/**
 * The venue host's drop box: signed writes other laptops left here, kept on
 * disk until the first connection to the server delivers them, then the
 * server's receipts for their authors to collect. The host cannot forge or
 * alter a write (the server checks the author's signature), only carry it.
 */
export class RelayBox {
  private uploading: Promise<void> | null = null;

  private constructor(
    private readonly path: string,
    private dropped: Dropped[],
  ) {}

  static async open(dir: string): Promise<RelayBox> {
    const path = join(dir, 'dropbox.json');
    const read = await readJsonFile(path, BoxSchema);
    return new RelayBox(path, read.kind === 'loaded' ? read.value.dropped : []);
  }

  /** Keeps the envelopes that read as signed writes; the same envelope twice is kept once. */
  async add(envelopes: readonly SignedText[]): Promise<number> {
    let accepted = 0;
    for (const envelope of envelopes) {
      let write;
      try {
        write = RelayWriteSchema.parse(JSON.parse(envelope.payload));
      } catch {
        continue;
      }
      const envelopeId = sha256Of(envelope.payload);
      if (this.dropped.some((item) => item.envelopeId === envelopeId)) {
        accepted += 1;
        continue;
      }
      this.dropped.push({
        envelopeId,
        envelope,
        userId: write.userId,
        clientId: write.clientId,
        count: write.mutations.length,
        receivedAt: new Date().toISOString(),
        state: 'waiting',
      });
      accepted += 1;
    }
    await this.save();
    return accepted;
  }

  waiting(): { envelopes: number; writes: number } {
    const waiting = this.dropped.filter((item) => item.state === 'waiting');
    return { envelopes: waiting.length, writes: waiting.reduce((sum, item) => sum + item.count, 0) };
  }

  receiptsFor(userId: string, clientId: string): SignedText[] {
    return this.dropped
      .filter((item) => item.userId === userId && item.clientId === clientId && item.receipt !== undefined)
      .map((item) => item.receipt as SignedText);
  }

  /** Hands every waiting envelope to the server, twenty at a time; one run at a time. */
  upload(send: RelayUpload): Promise<void> {
    this.uploading ??= this.runUpload(send).finally(() => {
      this.uploading = null;
    });
    return this.uploading;
  }

  private async runUpload(send: RelayUpload): Promise<void> {
    for (;;) {
      const batch = this.dropped.filter((item) => item.state === 'waiting').slice(0, 20);
      if (batch.length === 0) return;
      const { outcomes } = await send(batch.map((item) => item.envelope));
      for (const outcome of outcomes) {
        const item = this.dropped.find((entry) => entry.envelopeId === outcome.envelopeId);
        if (item === undefined) continue;
        if (outcome.status === 'delivered') {
          item.state = 'delivered';
          item.receipt = outcome.receipt;
        } else {
          item.state = 'refused';
          item.code = outcome.code;
        }
      }
      await this.save();
    }
  }

  private async save(): Promise<void> {
    await writeFileAtomic(this.path, JSON.stringify({ dropped: this.dropped }));
  }
}

/**
 * exceljs's streaming writer only streams while the event loop runs. A committed row's XML goes into
 * the sheet's zip entry, and archiver compresses that entry asynchronously (zlib on the thread pool,
 * driven by callbacks on this thread): a row loop that never awaits keeps the whole sheet's XML in
 * memory until the workbook is committed — 75 MB at 100 000 rows, growing with every row. So the
 * writer checks after each row whether a block of the sheet (exceljs hands them over 64 KB at a time)
 * is waiting for the compressor, and if so lets the loop turn until the compressor has taken it.
 *
 * Why wait for the block rather than yield once every N rows: with N ≥ 100 the compressor fell
 * behind (it advances about one block per turn of the loop); with N of 10-50, about a third of the
 * runs had V8 decide to allocate the per-row objects straight into its old space (pretenuring), which
 * then held them until a full collection: peak RSS ~380 MB instead of ~175 MB. Handing every block
 * over before writing the next kept each of ~55 runs of the 100 000-row bench at 170-185 MB (it is a
 * V8 heuristic, so that is a measurement, not a guarantee).
 */

/** The sheet stream exceljs writes into (StreamBuf) pipes into archiver's PassThrough for the entry. */
interface PipedStream {
  pipes?: Array<{ _writableState?: { length?: number }; _readableState?: { length?: number } }>;
}

/**
 * Bytes of the sheet handed to the zip entry but not yet taken by its compressor. These are
 * exceljs/archiver internals (a StreamBuf piping into a readable-stream PassThrough); if a later
 * version lays them out differently this reads 0 and the writer simply stops waiting — the output is
 * the same, only the memory bound is lost.
 */
export function pendingBytes(worksheet: unknown): number {
  const pass = (worksheet as { stream?: PipedStream }).stream?.pipes?.[0];
  if (!pass) return 0;
  const n = (pass._writableState?.length ?? 0) + (pass._readableState?.length ?? 0);
  return Number.isFinite(n) ? n : 0;
}

/** How long to wait without the compressor taking anything before giving up on it (never hang a render over memory). */
const STALL_MS = 200;

/**
 * Lets the event loop turn until the compressor has taken what this sheet has written so far, or the
 * write has failed (`write.aborted`): bytes that can no longer reach the disk never drain, and waiting
 * out the stall on every row is what kept a render on a full disk spinning for minutes.
 */
export async function drained(worksheet: unknown, write: { readonly aborted: boolean }): Promise<void> {
  let pending = pendingBytes(worksheet);
  let progressAt = Date.now();
  while (pending > 0 && !write.aborted) {
    await new Promise(setImmediate);
    const now = pendingBytes(worksheet);
    if (now < pending) progressAt = Date.now();
    else if (Date.now() - progressAt > STALL_MS) return;
    pending = now;
  }
}

import { UnreadableDocumentError, type Decoded } from "./types";

export async function decodePdf(_bytes: Uint8Array): Promise<Decoded> {
  throw new UnreadableDocumentError("暂不能读取 PDF");
}

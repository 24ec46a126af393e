import { UnreadableDocumentError, type Decoded } from "./types";

export async function decodeHtml(_bytes: Uint8Array): Promise<Decoded> {
  throw new UnreadableDocumentError("暂不能读取网页");
}
export async function decodeMht(_bytes: Uint8Array): Promise<Decoded> {
  throw new UnreadableDocumentError("暂不能读取网页");
}

import { UnreadableDocumentError, type Decoded } from "./types";

export async function decodeDoc(_bytes: Uint8Array): Promise<Decoded> {
  throw new UnreadableDocumentError("暂不能读取 Word 97–2003 (.doc) 文件");
}

/** File system failures as one line a clerk can act on: what happened, to which file, what to do. */

/** The errno-style code of an error (ENOSPC, EACCES, …), if it has one. */
export function errnoOf(e: unknown): string | undefined {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return typeof code === "string" && /^E[A-Z]+$/.test(code) ? code : undefined;
}

/** `what` is the thing being done ("写入 out/x.xlsx"); the result says why it failed and what to do. */
export function describeSystemError(e: unknown, what: string): string | null {
  const err = e as NodeJS.ErrnoException;
  const path = err?.path ? `（${err.path}）` : "";
  switch (errnoOf(e)) {
    case "ENOSPC":
    case "EDQUOT":
      return `${what}失败：磁盘空间已满${path}。已有的文件未被改动；请清理磁盘或换一个输出位置后重试`;
    case "EROFS":
      return `${what}失败：该位置是只读的${path}；请换一个可写的输出位置`;
    case "EACCES":
    case "EPERM":
      return `${what}失败：没有权限${path}；请检查文件夹权限，或换一个有权限的位置或账户`;
    case "ENOENT":
      return `${what}失败：文件或文件夹不存在${path}`;
    case "ENOTDIR":
      return `${what}失败：路径中有一段不是文件夹${path}`;
    case "EISDIR":
      return `${what}失败：这是一个文件夹，不是文件${path}`;
    case "ELOOP":
      return `${what}失败：符号链接循环指向自身${path}；请修正该链接`;
    case "EMFILE":
    case "ENFILE":
      return `${what}失败：同时打开的文件太多；请稍后重试`;
    case "EIO":
      return `${what}失败：磁盘读写出错${path}；请检查磁盘`;
    default:
      return null;
  }
}

/** The first line of any error, with file system failures put in words. */
export function errorLine(e: unknown, what: string): string {
  return describeSystemError(e, what) ?? `${what}失败：${(e instanceof Error ? e.message : String(e)).split("\n")[0]}`;
}

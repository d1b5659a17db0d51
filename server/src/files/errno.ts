/** Short, human reasons for the file system errors a run may meet (never a raw `EEXIST: …`). */
const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOENT: 'no such file or directory',
  EISDIR: 'is a directory',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'a file of that name is in the way',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EIO: 'input/output error',
  ELOOP: 'too many symbolic links (a link loop?)',
  ENAMETOOLONG: 'the path is too long',
  EBUSY: 'the file is busy',
  ETXTBSY: 'the file is busy',
  EINVAL: 'not a file that can be written or read this way',
  EFBIG: 'the file is too large',
  EXDEV: 'cannot move across file systems',
  ENXIO: 'no such device',
  ENODEV: 'no such device',
  EAGAIN: 'temporarily unavailable; try again',
};

/** A short, human reason for a failed file system call. */
export function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code && REASONS[code]) return REASONS[code];
  const message = (error as Error | undefined)?.message ?? String(error);
  // `EFOO: some description, open '/path'` → `some description`.
  const described = /^E[A-Z]+: ([^,]+)/.exec(message);
  return described ? described[1]! : message;
}

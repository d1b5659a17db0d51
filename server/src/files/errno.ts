/** A short, human reason for a failed file system call. */
export function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
      return 'no such file or directory';
    case 'EISDIR':
      return 'is a directory';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    default:
      return (error as Error).message ?? String(error);
  }
}

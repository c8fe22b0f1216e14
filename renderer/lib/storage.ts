/** localStorage where the page may use it (null in a sandbox that forbids it, and in Node). */
export function safeStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/**
 * Runs `work` over `items` with at most `limit` calls in flight, keeping result order.
 * At 1,000 accounts the commands make thousands of calls: a bound keeps them under the
 * APIs' rates (the SDK's adaptive retry absorbs the throttling that remains).
 */
export async function mapPool<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>, onEach?: () => void): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i], i);
      onEach?.();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

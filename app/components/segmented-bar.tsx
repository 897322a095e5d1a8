/**
 * A drawn progress bar in three parts (done, failed, remaining) with the same figures in text,
 * so screen readers and people who would rather read get them too.
 */
export function SegmentedBar({
  done,
  failed,
  total,
  label,
}: {
  done: number;
  failed: number;
  total: number;
  label: string;
}) {
  const width = (n: number) => (total ? `${(100 * n) / total}%` : "0%");
  return (
    <div
      className="segmented"
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={total}
      aria-valuenow={done + failed}
      aria-valuetext={label}
      aria-label={label}
    >
      <span className="segment segment-done" style={{ inlineSize: width(done) }} />
      <span className="segment segment-failed" style={{ inlineSize: width(failed) }} />
    </div>
  );
}

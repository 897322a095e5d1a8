/** A drawn progress bar that screen readers announce as one ("3 of 5 required modules"). */
export function ProgressBar({ value, max, label }: { value: number; max: number; label: string }) {
  const percent = max ? Math.round((100 * value) / max) : 0;
  return (
    <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={max} aria-valuenow={value} aria-valuetext={label} aria-label={label}>
      <span className="progress-fill" style={{ inlineSize: `${percent}%` }} />
    </div>
  );
}

export type ProgressSegment = { value: number; tone: "ok" | "bad" };

/**
 * A drawn progress bar that screen readers announce as one ("3 of 5 required modules").
 * With `segments`, the filled part is drawn as consecutive parts (done, then failed), the rest
 * of the track being what remains; `label` must then say all of it in words.
 */
export function ProgressBar({
  value,
  max,
  label,
  segments,
}: {
  value: number;
  max: number;
  label: string;
  segments?: ProgressSegment[];
}) {
  const percent = (v: number) => (max ? Math.min(100, Math.max(0, (100 * v) / max)) : 0);
  return (
    <div
      className={segments ? "progress stacked" : "progress"}
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={value}
      aria-valuetext={label}
      aria-label={label}
    >
      {segments ? (
        segments.map((s, i) =>
          s.value > 0 ? (
            <span
              key={i}
              className={`progress-fill tone-${s.tone}`}
              style={{ inlineSize: `${percent(s.value).toFixed(2)}%` }}
            />
          ) : null,
        )
      ) : (
        <span className="progress-fill" style={{ inlineSize: `${Math.round(percent(value))}%` }} />
      )}
    </div>
  );
}

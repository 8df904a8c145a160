import type { LatencyStage } from '../../services/api/types';
import { PERCENTILES } from '../../services/ops/opsApi';

const COLOURS = ['#38bdf8', '#f97316', '#a3e635', '#e879f9', '#facc15', '#f43f5e', '#2dd4bf'];
const WIDTH = 640;
const HEIGHT = 280;
const PAD = { left: 56, right: 16, top: 12, bottom: 28 };

/** Percentile curves per stage; the latency axis is logarithmic so tails and medians share one plot. */
export function LatencyPlot({ stages }: { stages: LatencyStage[] }) {
  const values = stages.flatMap((stage) => PERCENTILES.map((p) => Math.max(1, stage[p.key])));
  if (values.length === 0) {
    return <p className="text-sm text-slate-400">No latency samples yet.</p>;
  }
  const minExp = Math.floor(Math.log10(Math.min(...values)));
  const maxExp = Math.max(minExp + 1, Math.ceil(Math.log10(Math.max(...values))));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (index: number) => PAD.left + (index * plotW) / (PERCENTILES.length - 1);
  const y = (us: number) =>
    PAD.top + plotH - ((Math.log10(Math.max(1, us)) - minExp) / (maxExp - minExp)) * plotH;
  const decades = Array.from({ length: maxExp - minExp + 1 }, (_, index) => 10 ** (minExp + index));
  const label = (us: number) =>
    us >= 1_000_000 ? `${us / 1_000_000} s` : us >= 1000 ? `${us / 1000} ms` : `${us} µs`;

  return (
    <figure className="flex flex-col gap-2">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className="w-full max-w-3xl"
        role="img"
        aria-label="Latency percentiles, log scale"
      >
        {decades.map((us) => (
          <g key={us}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(us)} y2={y(us)} stroke="#1e293b" />
            <text x={PAD.left - 6} y={y(us) + 4} textAnchor="end" fontSize="10" fill="#94a3b8">
              {label(us)}
            </text>
          </g>
        ))}
        {PERCENTILES.map((p, index) => (
          <text
            key={p.key}
            x={x(index)}
            y={HEIGHT - 8}
            textAnchor="middle"
            fontSize="10"
            fill="#94a3b8"
          >
            {p.label}
          </text>
        ))}
        {stages.map((stage, stageIndex) => {
          const colour = COLOURS[stageIndex % COLOURS.length];
          const points = PERCENTILES.map((p, index) => `${x(index)},${y(stage[p.key])}`).join(' ');
          return (
            <g key={stage.name}>
              <polyline points={points} fill="none" stroke={colour} strokeWidth="2" />
              {PERCENTILES.map((p, index) => (
                <circle key={p.key} cx={x(index)} cy={y(stage[p.key])} r="3" fill={colour}>
                  <title>{`${stage.name} ${p.label}: ${stage[p.key]} µs`}</title>
                </circle>
              ))}
            </g>
          );
        })}
      </svg>
      <figcaption className="flex flex-wrap gap-3 text-xs">
        {stages.map((stage, index) => (
          <span key={stage.name} className="flex items-center gap-1">
            <span
              className="inline-block h-2 w-4"
              style={{ background: COLOURS[index % COLOURS.length] }}
            />
            {stage.name} ({stage.count.toLocaleString()} samples)
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

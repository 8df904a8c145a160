import { memo } from 'react';
import type { LatencyStage } from '../../services/api/types';
import { PERCENTILES } from '../../services/ops/opsApi';
import { formatMicros, nounFor } from '../common/format';
import { MAX_NINES, PERCENTILE_TICKS, decadeLabel, nines } from './percentileScale';

const WIDTH = 360;
const HEIGHT = 190;
const PAD = { left: 52, right: 10, top: 10, bottom: 22 };
const INTERVAL_NINES = [50, 90, 99, 99.9, 99.99, 100].map(nines);

interface Props {
  stage: LatencyStage;
  colour: string;
  /** Latency axis in powers of ten, shared by the plots of one path so they compare at a glance. */
  decades: { low: number; high: number } | null;
}

/**
 * One stage's latency by percentile, log scale: the line is the distribution since start, the hollow
 * dots the last interval's p50 … p99.99 and max.
 */
export const PercentilePlot = memo(function PercentilePlot({ stage, colour, decades }: Props) {
  const label = `${stage.name} latency by percentile, log scale`;
  const empty = stage.total.count === 0 || stage.distribution.length === 0 || decades === null;
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const low = decades?.low ?? 0;
  const high = decades?.high ?? 1;
  const x = (position: number) => PAD.left + (position / MAX_NINES) * plotW;
  const y = (us: number) => {
    const exponent = Math.min(high, Math.max(low, Math.log10(Math.max(us, 10 ** low))));
    return PAD.top + plotH - ((exponent - low) / (high - low)) * plotH;
  };
  const line = empty
    ? ''
    : stage.distribution
        .map((point) => `${x(nines(point.percentile)).toFixed(1)},${y(point.value_us).toFixed(1)}`)
        .join(' ');
  const exponents = Array.from({ length: high - low + 1 }, (_, index) => low + index);

  return (
    <figure className="flex flex-col gap-1 rounded border border-slate-800 bg-slate-900/40 p-2">
      <figcaption className="flex flex-wrap items-baseline justify-between gap-x-2 text-xs">
        <span>
          <span className="font-medium text-slate-200">{stage.name}</span>{' '}
          <span className="text-slate-500">{stage.description}</span>
        </span>
        <span className="num text-slate-400">
          {stage.total.count.toLocaleString()} {nounFor(stage.total.count, 'sample')}
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="w-full" role="img" aria-label={label}>
        {exponents.map((exponent) => (
          <g key={exponent}>
            <line
              x1={PAD.left}
              x2={WIDTH - PAD.right}
              y1={y(10 ** exponent)}
              y2={y(10 ** exponent)}
              stroke="#1e293b"
            />
            <text
              x={PAD.left - 4}
              y={y(10 ** exponent) + 3}
              textAnchor="end"
              fontSize="9"
              fill="#94a3b8"
            >
              {decadeLabel(exponent)}
            </text>
          </g>
        ))}
        {PERCENTILE_TICKS.map((tick) => (
          <g key={tick.label}>
            <line
              x1={x(tick.at)}
              x2={x(tick.at)}
              y1={PAD.top}
              y2={HEIGHT - PAD.bottom}
              stroke="#1e293b"
            />
            <text x={x(tick.at)} y={HEIGHT - 8} textAnchor="middle" fontSize="9" fill="#94a3b8">
              {tick.label}
            </text>
          </g>
        ))}
        {empty ? (
          <text
            x={PAD.left + plotW / 2}
            y={PAD.top + plotH / 2}
            textAnchor="middle"
            fontSize="11"
            fill="#64748b"
          >
            no samples yet
          </text>
        ) : (
          <>
            <polyline points={line} fill="none" stroke={colour} strokeWidth="1.75" />
            {stage.interval.count > 0 &&
              PERCENTILES.map((p, index) => (
                <circle
                  key={p.key}
                  cx={x(INTERVAL_NINES[index] ?? MAX_NINES)}
                  cy={y(stage.interval[p.key] ?? 0)}
                  r="3"
                  fill="none"
                  stroke="#f8fafc"
                  strokeWidth="1"
                >
                  <title>{`last interval ${p.label}: ${formatMicros(stage.interval[p.key])}`}</title>
                </circle>
              ))}
          </>
        )}
      </svg>
    </figure>
  );
});

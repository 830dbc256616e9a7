// The order's clock as a bar: counted, paused and closed spans in proportion, each explained by
// a tooltip with its start and end in the reader's locale.
import { Flex, Tooltip, Typography, theme } from "antd";
import { useTranslation } from "react-i18next";
import type { SlaSpan } from "../../api";
import { useFormat } from "../../i18n/format";

const KINDS = ["counted", "paused", "closed"] as const;

function useKindColours(): Record<string, string> {
  const { token } = theme.useToken();
  return { counted: token.colorPrimary, paused: token.colorWarning, closed: token.colorTextQuaternary };
}

export default function SlaTimeline({ spans }: { spans: SlaSpan[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const colours = useKindColours();
  const { token } = theme.useToken();
  const visible = spans.filter((s) => s.to >= s.from);
  if (visible.length === 0) return null;
  const start = Math.min(...visible.map((s) => s.from));
  const end = Math.max(...visible.map((s) => s.to));
  const total = Math.max(1, end - start);

  return (
    <Flex vertical gap={6} data-testid="sla-timeline">
      <div
        role="img"
        aria-label={t("sla.timeline")}
        style={{ display: "flex", height: 14, borderRadius: 4, overflow: "hidden", background: token.colorFillSecondary }}
      >
        {visible.map((span, i) => {
          const kind = t(`sla.span.${span.kind}`, { defaultValue: span.kind });
          const text = t("sla.spanRange", { kind, from: format.dateTime(span.from), to: format.dateTime(span.to) });
          return (
            <Tooltip key={`${span.from}-${i}`} title={text}>
              <div
                data-testid="sla-segment"
                data-kind={span.kind}
                aria-label={text}
                style={{
                  flexGrow: Math.max(span.to - span.from, total / 200),
                  flexBasis: 0,
                  background: colours[span.kind] ?? token.colorFill,
                  borderInlineEnd: i < visible.length - 1 ? `1px solid ${token.colorBgContainer}` : undefined,
                }}
              />
            </Tooltip>
          );
        })}
      </div>
      <Flex justify="space-between" wrap="wrap" gap={8}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {format.dateTime(start)}
        </Typography.Text>
        <Flex gap={12} data-testid="sla-legend">
          {KINDS.map((kind) => (
            <Flex key={kind} gap={4} align="center">
              <span style={{ width: 10, height: 10, borderRadius: 2, background: colours[kind], display: "inline-block" }} />
              <Typography.Text style={{ fontSize: 12 }}>{t(`sla.span.${kind}`)}</Typography.Text>
            </Flex>
          ))}
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {format.dateTime(end)}
        </Typography.Text>
      </Flex>
    </Flex>
  );
}

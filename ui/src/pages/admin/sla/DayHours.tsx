// One weekday's working intervals, e.g. 09:00–12:00 and 13:00–18:00 for a lunch break. Times are
// typed as HH:MM (24:00 ends a day); the core checks them and names the interval it refuses.
import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Flex, Input, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { Interval, Weekday } from "./slaForms";

type Props = { day: Weekday; value?: Interval[]; onChange?: (value: Interval[]) => void; disabled?: boolean };

export default function DayHours({ day, value = [], onChange, disabled }: Props) {
  const { t } = useTranslation();

  function set(index: number, side: 0 | 1, text: string) {
    onChange?.(value.map((pair, i) => (i === index ? (side === 0 ? [text, pair[1] ?? ""] : [pair[0] ?? "", text]) : pair)));
  }

  // A first interval starts as a whole day's work; further ones (after a break) start empty.
  const added: Interval = value.length === 0 ? ["09:00", "18:00"] : ["", ""];

  return (
    <Flex wrap="wrap" gap={8} align="center" data-testid={`hours-${day}`}>
      {value.length === 0 && <Typography.Text type="secondary">{t("slaAdmin.calendar.closed")}</Typography.Text>}
      {value.map((pair, i) => (
        <Flex key={i} gap={4} align="center" data-testid={`hours-${day}-${i}`}>
          <Input
            value={pair[0] ?? ""}
            onChange={(e) => set(i, 0, e.target.value)}
            placeholder="HH:MM"
            maxLength={5}
            style={{ width: 72 }}
            disabled={disabled}
            aria-label={t("slaAdmin.calendar.intervalFrom", { day: t(`weekday.${day}`), n: i + 1 })}
            data-testid={`hours-${day}-${i}-from`}
          />
          <span>–</span>
          <Input
            value={pair[1] ?? ""}
            onChange={(e) => set(i, 1, e.target.value)}
            placeholder="HH:MM"
            maxLength={5}
            style={{ width: 72 }}
            disabled={disabled}
            aria-label={t("slaAdmin.calendar.intervalTo", { day: t(`weekday.${day}`), n: i + 1 })}
            data-testid={`hours-${day}-${i}-to`}
          />
          <Button
            type="text"
            size="small"
            icon={<MinusCircleOutlined />}
            disabled={disabled}
            aria-label={t("common.remove")}
            data-testid={`hours-${day}-${i}-remove`}
            onClick={() => onChange?.(value.filter((_, j) => j !== i))}
          />
        </Flex>
      ))}
      <Button
        size="small"
        type="dashed"
        icon={<PlusOutlined />}
        disabled={disabled}
        data-testid={`hours-${day}-add`}
        onClick={() => onChange?.([...value, added])}
      >
        {t("slaAdmin.calendar.addInterval")}
      </Button>
    </Flex>
  );
}

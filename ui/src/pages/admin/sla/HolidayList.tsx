// Holidays of a calendar: one-off dates ("2026-10-01") and yearly month-days ("12-25"), shown in
// the reader's locale; added with a date picker, removed from their tag.
import { DatePicker, Empty, Flex, Segmented, Tag } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../../i18n/format";

type Mode = "once" | "yearly";

function holidayLabel(holiday: string, lng: string, yearly: (date: string) => string): string {
  const once = /^(\d{4})-(\d{2})-(\d{2})$/.exec(holiday);
  if (once) {
    const date = new Date(Date.UTC(Number(once[1]), Number(once[2]) - 1, Number(once[3])));
    return new Intl.DateTimeFormat(lng, { dateStyle: "medium", timeZone: "UTC" }).format(date);
  }
  const every = /^(\d{2})-(\d{2})$/.exec(holiday);
  if (every) {
    const date = new Date(Date.UTC(2000, Number(every[1]) - 1, Number(every[2])));
    return yearly(new Intl.DateTimeFormat(lng, { month: "long", day: "numeric", timeZone: "UTC" }).format(date));
  }
  return holiday;
}

type Props = { value?: string[]; onChange?: (value: string[]) => void };

export default function HolidayList({ value = [], onChange }: Props) {
  const { t } = useTranslation();
  const { lng } = useFormat();
  const [mode, setMode] = useState<Mode>("once");

  function add(date: Dayjs | null) {
    if (!date) return;
    const text = date.format(mode === "once" ? "YYYY-MM-DD" : "MM-DD");
    if (!value.includes(text)) onChange?.([...value, text]);
  }

  return (
    <Flex vertical gap={8} data-testid="holidays">
      <Flex gap={8} wrap="wrap" align="center">
        <Segmented<Mode>
          size="small"
          value={mode}
          onChange={setMode}
          data-testid="holiday-mode"
          options={[
            { value: "once", label: t("slaAdmin.calendar.holidayOnce") },
            { value: "yearly", label: t("slaAdmin.calendar.holidayYearly") },
          ]}
        />
        <DatePicker
          key={mode}
          size="small"
          value={null}
          format={mode === "once" ? "YYYY-MM-DD" : "MM-DD"}
          placeholder={t("slaAdmin.calendar.addHoliday")}
          onChange={add}
          data-testid="holiday-picker"
        />
      </Flex>
      {value.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("slaAdmin.calendar.noHolidays")} />
      ) : (
        <Flex gap={4} wrap="wrap">
          {value.map((holiday) => (
            <Tag
              key={holiday}
              closable
              data-testid="holiday-tag"
              data-holiday={holiday}
              onClose={(e) => {
                e.preventDefault();
                onChange?.(value.filter((h) => h !== holiday));
              }}
            >
              {holidayLabel(holiday, lng, (date) => t("slaAdmin.calendar.yearly", { date }))}
            </Tag>
          ))}
        </Flex>
      )}
    </Flex>
  );
}

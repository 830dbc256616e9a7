// Editing a business calendar: name, time zone, 24×7 or working hours per weekday, holidays.
// Saved through sla_calendar_save; a refusal is shown on the input it concerns and the editor
// stays open.
import { CopyOutlined } from "@ant-design/icons";
import { Alert, AutoComplete, Button, Drawer, Flex, Form, Input, Space, Switch } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type StoredCalendar } from "../../../api";
import { clearCoreErrors, placeCoreError } from "../../../lib/coreErrors";
import DayHours from "./DayHours";
import HolidayList from "./HolidayList";
import { calendarFieldPath, calendarValues, COMMON_ZONES, toStoredCalendar, WEEKDAYS, type CalendarValues } from "./slaForms";

type Props = {
  /** The calendar to edit, or null for a new one. */
  calendar: StoredCalendar | null;
  open: boolean;
  onClose: () => void;
  onSaved: (saved: StoredCalendar) => void;
};

export default function CalendarEditor({ calendar, open, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CalendarValues>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const always = Form.useWatch("always", form);

  async function submit(values: CalendarValues) {
    setBusy(true);
    setFailure(null);
    clearCoreErrors(form);
    try {
      onSaved(await api.slaCalendarSave(toStoredCalendar(calendar?.id ?? "", values)));
    } catch (e) {
      setFailure(placeCoreError(form, t, e, calendarFieldPath));
    } finally {
      setBusy(false);
    }
  }

  function copyMonday() {
    const monday = form.getFieldValue(["hours", "mon"]) as string[][] | undefined;
    for (const day of ["tue", "wed", "thu", "fri"] as const) {
      form.setFieldValue(["hours", day], (monday ?? []).map((pair) => [...pair]));
    }
  }

  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={640}
      destroyOnHidden
      title={calendar ? t("slaAdmin.editCalendar", { name: calendar.name }) : t("slaAdmin.newCalendar")}
      extra={
        <Space>
          <Button onClick={onClose}>{t("common.cancel")}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="calendar-save">
            {t("common.save")}
          </Button>
        </Space>
      }
    >
      <div data-testid="calendar-editor">
        {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 16 }} data-testid="calendar-error" />}
        <Form form={form} layout="vertical" initialValues={calendarValues(calendar)} onFinish={submit}>
          <Form.Item name="name" label={t("slaAdmin.calendar.name")}>
            <Input data-testid="calendar-name" />
          </Form.Item>
          <Form.Item name="time_zone" label={t("slaAdmin.calendar.timeZone")} extra={t("slaAdmin.calendar.timeZoneHelp")}>
            <AutoComplete
              data-testid="calendar-time-zone"
              options={COMMON_ZONES.map((zone) => ({ value: zone }))}
              filterOption={(input, option) => (option?.value ?? "").toLowerCase().includes(input.toLowerCase())}
            />
          </Form.Item>
          <Form.Item name="always" label={t("slaAdmin.calendar.always")} valuePropName="checked">
            <Switch data-testid="calendar-always" />
          </Form.Item>
          <Form.Item label={t("slaAdmin.calendar.hours")} style={{ marginBottom: 8 }}>
            <Flex vertical gap={0}>
              {WEEKDAYS.map((day) => (
                <Form.Item
                  key={day}
                  name={["hours", day]}
                  label={t(`weekday.${day}`)}
                  labelCol={{ flex: "110px" }}
                  layout="horizontal"
                  style={{ marginBottom: 8 }}
                >
                  <DayHours day={day} disabled={always} />
                </Form.Item>
              ))}
              <div>
                <Button size="small" icon={<CopyOutlined />} onClick={copyMonday} disabled={always} data-testid="hours-copy-monday">
                  {t("slaAdmin.calendar.copyMonday")}
                </Button>
              </div>
            </Flex>
          </Form.Item>
          <Form.Item name="holidays" label={t("slaAdmin.calendar.holidays")}>
            <HolidayList />
          </Form.Item>
        </Form>
      </div>
    </Drawer>
  );
}

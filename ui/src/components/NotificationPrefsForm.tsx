// Notification preferences: native desktop pop-ups on or off, kinds that never pop up, and quiet
// hours. The core checks the values; a refusal lands on the field it names.
import { Alert, App, Checkbox, Form, Modal, Space, Spin, Switch, TimePicker } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type NotificationPrefs } from "../api";
import { messageOf } from "../i18n/errors";
import { clearCoreErrors, placeCoreError, type FieldPath } from "../lib/coreErrors";
import { NOTIFICATION_KINDS } from "./inbox/notificationText";

type PrefsValues = {
  desktop: boolean;
  muted_kinds: string[];
  quiet: boolean;
  quiet_from?: Dayjs | null;
  quiet_to?: Dayjs | null;
};

const TIME = "HH:mm";

function toPath(field: string): FieldPath | null {
  if (field === "desktop") return "desktop";
  if (field.startsWith("muted_kinds")) return "muted_kinds";
  if (field === "quiet_hours.from") return "quiet_from";
  if (field.startsWith("quiet_hours")) return "quiet_to";
  return null;
}

/** "22:00" as a picker value (today at that time); anything else shows as empty. */
function timeOf(hhmm: string): Dayjs | null {
  const match = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!match) return null;
  return dayjs().hour(Number(match[1])).minute(Number(match[2])).second(0).millisecond(0);
}

function toValues(prefs: NotificationPrefs): PrefsValues {
  const quiet = prefs.quiet_hours ?? null;
  return {
    desktop: prefs.desktop,
    muted_kinds: prefs.muted_kinds ?? [],
    quiet: quiet !== null,
    quiet_from: quiet ? timeOf(quiet.from) : null,
    quiet_to: quiet ? timeOf(quiet.to) : null,
  };
}

function toPrefs(v: PrefsValues): NotificationPrefs {
  return {
    desktop: v.desktop,
    muted_kinds: v.muted_kinds,
    // Times go as the person picked them; an incomplete pair is for the core to refuse.
    quiet_hours: v.quiet ? { from: v.quiet_from?.format(TIME) ?? "", to: v.quiet_to?.format(TIME) ?? "" } : null,
  };
}

export default function NotificationPrefsForm({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PrefsValues>();
  const [loaded, setLoaded] = useState<PrefsValues | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const quiet = Form.useWatch("quiet", form);

  // Mounted afresh for each opening (see UserMenu), so this reads the preferences every time.
  useEffect(() => {
    if (!open) return;
    api.notificationPrefs().then(
      (prefs) => setLoaded(toValues(prefs)),
      (e: unknown) => setFailure(messageOf(t, e)),
    );
  }, [open, t]);

  async function submit(values: PrefsValues) {
    setBusy(true);
    setFailure(null);
    clearCoreErrors(form);
    try {
      await api.notificationPrefsSave(toPrefs(values));
      void message.success(t("prefs.saved"));
      onClose();
    } catch (e) {
      setFailure(placeCoreError(form, t, e, toPath));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t("prefs.title")}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      okButtonProps={{ disabled: loaded === null, "data-testid": "prefs-submit" }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 16 }} />}
      {loaded === null && !failure && <Spin />}
      {loaded && (
        <Form form={form} layout="vertical" initialValues={loaded} onFinish={submit} data-testid="prefs-form">
          <Form.Item name="desktop" label={t("prefs.desktop")} valuePropName="checked" extra={t("prefs.desktopHelp")}>
            <Switch data-testid="prefs-desktop" />
          </Form.Item>
          <Form.Item name="muted_kinds" label={t("prefs.muted")} extra={t("prefs.mutedHelp")}>
            <Checkbox.Group
              data-testid="prefs-muted"
              style={{ display: "flex", flexDirection: "column", gap: 4 }}
              options={NOTIFICATION_KINDS.map((kind) => ({ value: kind, label: t(`inbox.kind.${kind}`) }))}
            />
          </Form.Item>
          <Form.Item name="quiet" label={t("prefs.quiet")} valuePropName="checked" extra={t("prefs.quietHelp")}>
            <Switch data-testid="prefs-quiet" />
          </Form.Item>
          {quiet && (
            <Space align="start">
              <Form.Item name="quiet_from" label={t("prefs.from")}>
                <TimePicker format={TIME} minuteStep={5} needConfirm={false} data-testid="prefs-quiet-from" />
              </Form.Item>
              <Form.Item name="quiet_to" label={t("prefs.to")}>
                <TimePicker format={TIME} minuteStep={5} needConfirm={false} data-testid="prefs-quiet-to" />
              </Form.Item>
            </Space>
          )}
        </Form>
      )}
    </Modal>
  );
}

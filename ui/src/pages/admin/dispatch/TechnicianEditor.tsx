// One technician's dispatch facts in one form: skills with levels, home base, last known place,
// working hours (an SLA business calendar), capacity, status and grab limit. The core checks
// everything; its refusal lands on the field it names, or above the form.
import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Divider, Form, Input, InputNumber, Modal, Select, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type Skill, type StoredCalendar, type TechnicianCard, type TechnicianRow, type TechStatus } from "../../../api";
import { clearCoreErrors, placeCoreError, type FieldPath } from "../../../lib/coreErrors";

const LEVELS = [1, 2, 3];
const STATUSES: TechStatus[] = ["available", "busy", "off"];

type Values = {
  skills?: Partial<Skill>[];
  home_lat?: number | null;
  home_lon?: number | null;
  last_lat?: number | null;
  last_lon?: number | null;
  calendar_id?: string | null;
  capacity_hours?: number | null;
  status?: TechStatus;
  grab_limit?: number | null;
};

// The core's field names mapped onto this form's inputs (a location error lands on its latitude).
const PATHS: Record<string, FieldPath> = {
  home: "home_lat",
  last_location: "last_lat",
  calendar_id: "calendar_id",
  capacity_hours: "capacity_hours",
  status: "status",
  grab_limit: "grab_limit",
};

type Props = {
  row: TechnicianRow | null;
  calendars: StoredCalendar[];
  onClose: () => void;
  onSaved: (card: TechnicianCard) => void;
};

const orNull = (v: number | null | undefined) => (v === undefined || v === null ? null : v);

export default function TechnicianEditor({ row, calendars, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function submit(v: Values) {
    if (!row) return;
    setBusy(true);
    setFailure(null);
    clearCoreErrors(form);
    const skills: Skill[] = (v.skills ?? [])
      .filter((s) => s.skill && s.skill.trim() !== "")
      .map((s) => ({ skill: (s.skill ?? "").trim(), level: s.level ?? 1 }));
    try {
      const saved = await api.technicianSave({
        profile: {
          user_id: row.card.user.id,
          status: v.status ?? "available",
          capacity_hours: orNull(v.capacity_hours),
          calendar_id: v.calendar_id ?? null,
          last_lat: orNull(v.last_lat),
          last_lon: orNull(v.last_lon),
          grab_limit: v.grab_limit ?? 0,
        },
        skills,
        home_lat: orNull(v.home_lat),
        home_lon: orNull(v.home_lon),
      });
      onSaved(saved);
    } catch (e) {
      setFailure(placeCoreError(form, t, e, (field) => PATHS[field] ?? null));
    } finally {
      setBusy(false);
    }
  }

  const initial: Values | undefined = row
    ? {
        skills: row.card.user.skills,
        home_lat: row.card.user.home_lat,
        home_lon: row.card.user.home_lon,
        last_lat: row.card.profile.last_lat,
        last_lon: row.card.profile.last_lon,
        calendar_id: row.card.profile.calendar_id,
        capacity_hours: row.card.profile.capacity_hours,
        status: row.card.profile.status,
        grab_limit: row.card.profile.grab_limit,
      }
    : undefined;

  const coordinate = (name: keyof Values, label: string, min: number, max: number) => (
    <Form.Item name={name} label={label}>
      <InputNumber min={min} max={max} step={0.0001} style={{ width: 150 }} data-testid={`tech-form-${name}`} />
    </Form.Item>
  );

  return (
    <Modal
      open={row !== null}
      title={row ? t("dispatchAdmin.tech.edit", { name: row.card.user.display_name }) : ""}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={640}
      okButtonProps={{ "data-testid": "tech-form-save" }}
    >
      {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 16 }} data-testid="tech-form-error" />}
      <Form form={form} layout="vertical" preserve={false} initialValues={initial} onFinish={submit} data-testid="tech-form">
        <Form.Item label={t("fields.skills")}>
          <Form.List name="skills">
            {(fields, { add, remove }) => (
              <>
                {fields.map(({ key, name }) => (
                  <Space key={key} align="baseline">
                    <Form.Item name={[name, "skill"]}>
                      <Input placeholder={t("fields.skill")} aria-label={t("fields.skill")} data-testid={`tech-skill-${name}`} />
                    </Form.Item>
                    <Form.Item name={[name, "level"]} initialValue={1}>
                      <Select
                        style={{ width: 140 }}
                        aria-label={t("fields.level")}
                        options={LEVELS.map((l) => ({ value: l, label: t(`dispatch.level.${l}`) }))}
                      />
                    </Form.Item>
                    <Button type="text" icon={<MinusCircleOutlined />} aria-label={t("common.remove")} onClick={() => remove(name)} />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ skill: "", level: 1 })} data-testid="tech-add-skill">
                  {t("users.addSkill")}
                </Button>
              </>
            )}
          </Form.List>
        </Form.Item>
        <Space wrap>
          <Form.Item name="status" label={t("fields.status")}>
            <Select
              style={{ width: 160 }}
              data-testid="tech-form-status"
              options={STATUSES.map((s) => ({ value: s, label: t(`dispatch.status.${s}`) }))}
            />
          </Form.Item>
          <Form.Item name="capacity_hours" label={t("fields.capacity_hours")}>
            <InputNumber step={0.5} style={{ width: 150 }} data-testid="tech-form-capacity_hours" />
          </Form.Item>
          <Form.Item name="grab_limit" label={t("fields.grab_limit")}>
            <InputNumber precision={0} style={{ width: 150 }} data-testid="tech-form-grab_limit" />
          </Form.Item>
        </Space>
        <Form.Item name="calendar_id" label={t("dispatchAdmin.tech.workingHours")}>
          <Select
            allowClear
            placeholder={t("dispatchAdmin.tech.always")}
            data-testid="tech-form-calendar"
            options={calendars.map((c) => ({ value: c.id, label: c.name }))}
          />
        </Form.Item>
        <Divider plain orientation="left">
          {t("fields.home")}
        </Divider>
        <Space wrap>
          {coordinate("home_lat", t("fields.lat"), -90, 90)}
          {coordinate("home_lon", t("fields.lon"), -180, 180)}
        </Space>
        <Divider plain orientation="left">
          {t("fields.last_location")}
        </Divider>
        <Space wrap>
          {coordinate("last_lat", t("fields.lat"), -90, 90)}
          {coordinate("last_lon", t("fields.lon"), -180, 180)}
        </Space>
      </Form>
    </Modal>
  );
}

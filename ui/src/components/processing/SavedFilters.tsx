// The reader's saved filters: pick one to apply it, save the current one under a name, delete
// the picked one. Names are checked by the core; its refusal lands on the name field.
import { DeleteOutlined, SaveOutlined } from "@ant-design/icons";
import { Alert, App, Button, Flex, Form, Input, Modal, Popconfirm, Select } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type OrderFilter, type SavedFilter } from "../../api";
import { messageOf } from "../../i18n/errors";
import { clearCoreErrors, placeCoreError, sameNames } from "../../lib/coreErrors";

type Props = {
  /** The list's filter now (view, filters, search), as it would be saved. */
  current: OrderFilter;
  onApply: (filter: OrderFilter) => void;
};

type NameValues = { name: string };

export default function SavedFilters({ current, onApply }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [filters, setFilters] = useState<SavedFilter[]>([]);
  const [picked, setPicked] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [form] = Form.useForm<NameValues>();

  const load = useCallback(
    () =>
      api.savedFilters().then(setFilters, (e: unknown) => {
        setFailure(messageOf(t, e));
      }),
    [t],
  );

  useEffect(() => {
    void load();
  }, [load]);

  function pick(id: string | undefined) {
    setPicked(id ?? null);
    const saved = filters.find((f) => f.id === id);
    if (saved) onApply(saved.filter);
  }

  async function save(values: NameValues) {
    setBusy(true);
    clearCoreErrors(form);
    try {
      const saved = await api.savedFilterSave({ name: values.name, filter: current });
      setSaving(false);
      form.resetFields();
      void message.success(t("savedFilters.saved", { name: saved.name }));
      await load();
      setPicked(saved.id);
    } catch (e) {
      const general = placeCoreError(form, t, e, sameNames(["name"]));
      if (general) form.setFields([{ name: "name", errors: [general] }]);
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    const saved = filters.find((f) => f.id === picked);
    if (!saved) return;
    try {
      await api.savedFilterDelete(saved.id);
      setPicked(null);
      void message.success(t("savedFilters.deleted", { name: saved.name }));
      await load();
    } catch (e) {
      setFailure(messageOf(t, e));
    }
  }

  const pickedFilter = filters.find((f) => f.id === picked);
  return (
    <Flex gap={8} align="center" wrap="wrap">
      <Select
        allowClear
        style={{ minWidth: 180 }}
        placeholder={t("savedFilters.placeholder")}
        aria-label={t("savedFilters.placeholder")}
        data-testid="saved-filter-select"
        value={picked}
        onChange={pick}
        options={filters.map((f) => ({ value: f.id, label: f.name }))}
      />
      {pickedFilter && (
        <Popconfirm
          title={t("savedFilters.deleteConfirm", { name: pickedFilter.name })}
          onConfirm={() => void remove()}
          okButtonProps={{ "data-testid": "saved-filter-delete-ok" }}
        >
          <Button icon={<DeleteOutlined />} data-testid="saved-filter-delete" aria-label={t("savedFilters.delete")} />
        </Popconfirm>
      )}
      <Button icon={<SaveOutlined />} data-testid="saved-filter-save" onClick={() => setSaving(true)}>
        {t("savedFilters.save")}
      </Button>
      {failure && <Alert type="error" showIcon message={failure} closable onClose={() => setFailure(null)} data-testid="saved-filter-error" />}
      <Modal
        open={saving}
        title={t("savedFilters.saveTitle")}
        onCancel={() => setSaving(false)}
        onOk={() => form.submit()}
        confirmLoading={busy}
        okButtonProps={{ "data-testid": "saved-filter-ok" }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => void save(v)} preserve={false}>
          <Form.Item name="name" label={t("savedFilters.name")} rules={[{ required: true, whitespace: true, message: t("common.required") }]}>
            <Input placeholder={t("savedFilters.namePlaceholder")} data-testid="saved-filter-name" autoFocus />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}

// Admin: the mapping from one published template to another, used when an order is converted.
// Loads both latest published definitions and the stored mapping; saving lets the core check it,
// and a refusal naming a field (`fields.x`, `options.x`) shows on the target row it concerns.
import { ArrowLeftOutlined, SaveOutlined } from "@ant-design/icons";
import { Alert, App, Button, Flex, Select, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, appErrorOf, type FieldMapping, type TemplateDef, type TemplateSummary } from "../../../api";
import { errorMessage, messageOf } from "../../../i18n/errors";
import { textIn } from "../names";
import MappingRows from "./MappingRows";
import { rowOfError } from "./model";

type Loaded = { from: TemplateDef; to: TemplateDef; mapping: FieldMapping };
type Refusal = { target: string; message: string };

type Props = { library: TemplateSummary[]; onClose: () => void };

export default function MappingEditor({ library, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [fromKey, setFromKey] = useState<string | null>(null);
  const [toKey, setToKey] = useState<string | null>(null);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [saving, setSaving] = useState(false);

  // A new pair starts clean: nothing of the previous pair's mapping or refusal stays on screen.
  function pick(set: (key: string) => void) {
    return (key: string) => {
      setLoaded(null);
      setRefusal(null);
      setError(null);
      set(key);
    };
  }

  useEffect(() => {
    if (!fromKey || !toKey) return;
    let current = true;
    Promise.all([api.templateVersionGet(fromKey, null), api.templateVersionGet(toKey, null), api.templateMappingGet(fromKey, toKey)]).then(
      ([from, to, mapping]) => current && setLoaded({ from: from.definition, to: to.definition, mapping }),
      (e: unknown) => current && setError(messageOf(t, e)),
    );
    return () => {
      current = false;
    };
  }, [fromKey, toKey, t]);

  async function save() {
    if (!loaded) return;
    setSaving(true);
    setRefusal(null);
    setError(null);
    try {
      const mapping = await api.templateMappingSave(loaded.mapping);
      setLoaded({ ...loaded, mapping });
      void message.success(t("mapping.saved"));
    } catch (e) {
      const appError = appErrorOf(e);
      const text = errorMessage(t, appError);
      const target = rowOfError(loaded.mapping, appError.field);
      if (target && loaded.to.fields.some((f) => f.key === target)) setRefusal({ target, message: text });
      else setError(text);
    } finally {
      setSaving(false);
    }
  }

  // Only published templates have a definition the core converts with.
  const choices = library.filter((s) => s.version > 0).map((s) => ({ value: s.key, label: `${textIn(s.names, i18n.language)} (${s.key})` }));

  return (
    <Flex vertical gap={12} style={{ flex: 1, minHeight: 0, overflow: "auto" }} data-testid="mapping-editor">
      <Flex align="center" gap={12}>
        <Button icon={<ArrowLeftOutlined />} onClick={onClose} data-testid="mapping-close">
          {t("mapping.back")}
        </Button>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t("mapping.title")}
        </Typography.Title>
      </Flex>
      <Flex gap={12} align="center" wrap>
        <Typography.Text>{t("mapping.from")}</Typography.Text>
        <div data-testid="mapping-from" style={{ minWidth: 240 }}>
          <Select<string> style={{ width: "100%" }} value={fromKey} options={choices} placeholder={t("mapping.pick")} onChange={pick(setFromKey)} />
        </div>
        <Typography.Text>{t("mapping.to")}</Typography.Text>
        <div data-testid="mapping-to" style={{ minWidth: 240 }}>
          <Select<string> style={{ width: "100%" }} value={toKey} options={choices} placeholder={t("mapping.pick")} onChange={pick(setToKey)} />
        </div>
        <Flex flex={1} />
        <Button type="primary" icon={<SaveOutlined />} disabled={!loaded} loading={saving} onClick={() => void save()} data-testid="mapping-save">
          {t("mapping.save")}
        </Button>
      </Flex>
      {error !== null && <Alert type="error" showIcon message={error} data-testid="mapping-alert" />}
      {!fromKey || !toKey ? (
        <Typography.Text type="secondary">{t("mapping.hint")}</Typography.Text>
      ) : loaded ? (
        <MappingRows
          from={loaded.from}
          to={loaded.to}
          mapping={loaded.mapping}
          refusal={refusal}
          onChange={(mapping) => {
            setLoaded({ ...loaded, mapping });
            setRefusal(null);
          }}
        />
      ) : null}
    </Flex>
  );
}

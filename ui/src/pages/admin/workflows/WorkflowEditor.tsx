// One workflow in the editor: the drawing on the left, the selected part on the right. Statuses
// come from the built-in set (orders hold those; the core refuses others), so a status is added
// by picking one of them; transitions are free. Saving sends the whole definition to the core,
// whose refusal is shown translated on the status or transition it names; nothing is saved then.
import { NodeIndexOutlined, PlusOutlined, SaveOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Flex, Select, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, appErrorOf, type Names, type StatusDef, type TransitionDef, type WorkflowDef } from "../../../api";
import { errorMessage } from "../../../i18n/errors";
import WorkflowGraph from "./WorkflowGraph";
import { StatusPanel, TransitionPanel, WorkflowPanel, type PanelError } from "./WorkflowPanels";
import { autoLayout, localName, targetOf, type Positions, type Target } from "./workflowGraph";

type Refusal = { message: string; target: Target; field: string };

const BLANK: Names = { en: "", zh_cn: "", es: "" };

/** The path of a refusal's field inside the part it names (`statuses.3.names.en` -> `names.en`). */
function innerField(field: string): string {
  return field.replace(/^(statuses|transitions)\.\d+\.?/, "");
}

function withoutStatus(def: WorkflowDef, key: string): WorkflowDef {
  const transitions = def.transitions
    .filter((t) => t.to !== key)
    .map((t) => ({ ...t, from: t.from.filter((f) => f !== key) }))
    .filter((t) => t.from.length > 0);
  return { ...def, statuses: def.statuses.filter((s) => s.key !== key), transitions };
}

function newTransition(def: WorkflowDef, from: string): TransitionDef {
  let n = def.transitions.length + 1;
  while (def.transitions.some((t) => t.action === `action_${n}`)) n += 1;
  const to = def.statuses.find((s) => s.key !== from)?.key ?? from;
  return { action: `action_${n}`, names: BLANK, from: [from], to, parties: ["admin"], requires_fields: [], review: false, comment_required: false };
}

export default function WorkflowEditor({ initial, builtin, onSaved }: { initial: WorkflowDef; builtin: WorkflowDef; onSaved: (key: string) => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [def, setDef] = useState<WorkflowDef>(initial);
  const [positions, setPositions] = useState<Positions>(() => autoLayout(initial));
  const [selected, setSelected] = useState<Target>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [saving, setSaving] = useState(false);

  function edit(next: WorkflowDef) {
    setDef(next);
    setRefusal(null);
  }

  async function save() {
    setSaving(true);
    try {
      const version = await api.workflowSave(def, []);
      setRefusal(null);
      message.success(t("workflowEditor.saved", { version }));
      onSaved(def.key);
    } catch (e) {
      const error = appErrorOf(e);
      const target = targetOf(def, error.field);
      setRefusal({ message: errorMessage(t, error), target, field: error.field ?? "" });
      setSelected(target);
    } finally {
      setSaving(false);
    }
  }

  function addStatus(key: string) {
    const status = builtin.statuses.find((s) => s.key === key);
    if (!status) return;
    const next = { ...def, statuses: [...def.statuses, status] };
    edit(next);
    setPositions({ ...autoLayout(next), ...positions });
    setSelected({ kind: "status", key });
  }

  function addTransition() {
    const from = selected?.kind === "status" ? selected.key : def.initial;
    edit({ ...def, transitions: [...def.transitions, newTransition(def, from)] });
    setSelected({ kind: "transition", index: def.transitions.length });
  }

  const panelError = (target: Target): PanelError =>
    refusal && JSON.stringify(refusal.target) === JSON.stringify(target) ? { field: innerField(refusal.field), message: refusal.message } : null;

  const missing = builtin.statuses.filter((s) => !def.statuses.some((d) => d.key === s.key));
  const status = selected?.kind === "status" ? def.statuses.find((s) => s.key === selected.key) : undefined;
  const transition = selected?.kind === "transition" ? def.transitions[selected.index] : undefined;

  function panel() {
    if (status) {
      return (
        <StatusPanel
          key={status.key}
          status={status}
          initial={status.key === def.initial}
          error={panelError(selected)}
          onChange={(s: StatusDef) => edit({ ...def, statuses: def.statuses.map((o) => (o.key === s.key ? s : o)) })}
          onRemove={() => {
            edit(withoutStatus(def, status.key));
            setSelected(null);
          }}
        />
      );
    }
    if (transition && selected?.kind === "transition") {
      const index = selected.index;
      return (
        <TransitionPanel
          key={index}
          def={def}
          transition={transition}
          error={panelError(selected)}
          onChange={(changed) => edit({ ...def, transitions: def.transitions.map((o, i) => (i === index ? changed : o)) })}
          onRemove={() => {
            edit({ ...def, transitions: def.transitions.filter((_, i) => i !== index) });
            setSelected(null);
          }}
        />
      );
    }
    const namesError = refusal && refusal.target === null && refusal.field.startsWith("names.") ? refusal : null;
    return (
      <WorkflowPanel
        def={def}
        error={namesError ? { field: namesError.field, message: namesError.message } : null}
        onChange={(names) => edit({ ...def, names })}
      />
    );
  }

  return (
    <Flex vertical gap={12} data-testid="wf-editor" style={{ minHeight: 0 }}>
      <Flex gap={8} wrap align="center">
        <Typography.Title level={5} style={{ margin: 0 }} data-testid="wf-title">
          {localName(def.names, i18n.language)}
        </Typography.Title>
        <Flex flex={1} />
        <Select
          data-testid="wf-add-status"
          style={{ minWidth: 200 }}
          placeholder={t("workflowEditor.addStatus")}
          value={null}
          disabled={missing.length === 0}
          options={missing.map((s) => ({ value: s.key, label: localName(s.names, i18n.language) }))}
          onChange={(key: string) => addStatus(key)}
        />
        <Button icon={<PlusOutlined />} onClick={addTransition} data-testid="wf-add-transition">
          {t("workflowEditor.addTransition")}
        </Button>
        <Button icon={<NodeIndexOutlined />} onClick={() => setPositions(autoLayout(def))} data-testid="wf-relayout">
          {t("workflowEditor.relayout")}
        </Button>
        <Button type="primary" icon={<SaveOutlined />} loading={saving} onClick={() => void save()} data-testid="wf-save">
          {t("workflowEditor.save")}
        </Button>
      </Flex>
      <Alert type="info" showIcon message={t("workflowEditor.builtInStatuses")} />
      {refusal && (
        <Alert
          type="error"
          showIcon
          data-testid="wf-error"
          message={t("workflowEditor.refused")}
          description={refusal.message}
        />
      )}
      <Flex gap={16} align="flex-start" style={{ minHeight: 0 }}>
        <Card size="small" style={{ flex: 1, overflow: "auto", maxHeight: "70vh" }} styles={{ body: { padding: 0 } }}>
          <WorkflowGraph
            def={def}
            positions={positions}
            onMove={(key, x, y) => setPositions({ ...positions, [key]: { x, y } })}
            selected={selected}
            onSelect={setSelected}
            refused={refusal?.target ?? null}
          />
        </Card>
        <Card size="small" style={{ width: 340, flexShrink: 0, overflow: "auto", maxHeight: "70vh" }}>
          <Space direction="vertical" style={{ width: "100%" }}>
            {panel()}
          </Space>
        </Card>
      </Flex>
    </Flex>
  );
}

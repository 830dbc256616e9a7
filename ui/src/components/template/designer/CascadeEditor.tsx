// A cascade field's levels (province / city / district) and its tree: add, rename and delete
// nodes at any depth, labels in three languages, or import a whole tree from pasted text.
import { DeleteOutlined, ImportOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Flex, Form, Input, Modal, Switch, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import i18n from "../../../i18n";
import type { CascadeNode, Names } from "../../../api";
import { importTree } from "./cascadeImport";
import { freshKey, LANGS } from "./model";
import NamesInput from "./NamesInput";

type Cascade = { levels: Names[]; tree: CascadeNode[]; allow_partial?: boolean };
type Props = { cascade: Cascade; onChange: (c: Cascade) => void; errorAt: (path: string) => string | undefined };

/** The tree with `fn` applied to the node at `path` (indices from the root). */
function update(tree: CascadeNode[], path: number[], fn: (siblings: CascadeNode[], i: number) => CascadeNode[]): CascadeNode[] {
  const [head, ...rest] = path;
  if (rest.length === 0) return fn(tree, head);
  return tree.map((n, i) => (i === head ? { ...n, children: update(n.children ?? [], rest, fn) } : n));
}

const blankNode = (siblings: CascadeNode[]): CascadeNode => ({
  value: freshKey("node", siblings.map((s) => s.value)),
  labels: { en: "", zh_cn: "", es: "" },
  children: [],
});

/** "Level 3" in each language, for levels an import adds. */
function levelNames(n: number): Names {
  const name = (lng: string) => i18n.getFixedT(lng)("designer.cascade.levelN", { n });
  return { en: name("en"), zh_cn: name("zh-CN"), es: name("es") };
}

type NodeProps = { node: CascadeNode; path: number[]; depth: number; maxDepth: number; props: Props };

function NodeRow({ node, path, depth, maxDepth, props }: NodeProps) {
  const { t } = useTranslation();
  const { cascade, onChange, errorAt } = props;
  const at = `tree.${path.join(".children.")}`;
  // A refusal deeper down shows on that node, not on each of its ancestors.
  const deeper = (node.children ?? []).some((_, k) => errorAt(`${at}.children.${k}`));
  const error = deeper ? undefined : errorAt(at);
  const id = path.join("-");
  const setTree = (tree: CascadeNode[]) => onChange({ ...cascade, tree });
  const set = (patch: Partial<CascadeNode>) => setTree(update(cascade.tree, path, (s, i) => s.map((n, j) => (j === i ? { ...n, ...patch } : n))));
  return (
    <>
      <Form.Item style={{ marginBottom: 2, marginLeft: depth * 20 }} validateStatus={error ? "error" : undefined} help={error}>
        <Flex gap={4} data-testid={`node-${id}`}>
          <Input
            style={{ width: 100 }}
            value={node.value}
            aria-label={t("designer.field.optionValue")}
            data-testid={`node-${id}-value`}
            onChange={(e) => set({ value: e.target.value })}
          />
          {LANGS.map((lang) => (
            <Input
              key={lang}
              value={node.labels[lang]}
              placeholder={t(`designer.lang.${lang}`)}
              aria-label={`${t("designer.field.optionLabel")} (${t(`designer.lang.${lang}`)})`}
              data-testid={`node-${id}-${lang}`}
              onChange={(e) => set({ labels: { ...node.labels, [lang]: e.target.value } })}
            />
          ))}
          <Button
            type="text"
            icon={<PlusOutlined />}
            disabled={depth + 1 >= maxDepth}
            aria-label={t("designer.cascade.addChild")}
            data-testid={`node-${id}-add`}
            onClick={() => set({ children: [...(node.children ?? []), blankNode(node.children ?? [])] })}
          />
          <Button
            type="text"
            danger
            icon={<DeleteOutlined />}
            aria-label={t("common.remove")}
            data-testid={`node-${id}-remove`}
            onClick={() => setTree(update(cascade.tree, path, (s, i) => s.filter((_, j) => j !== i)))}
          />
        </Flex>
      </Form.Item>
      {(node.children ?? []).map((child, i) => (
        <NodeRow key={i} node={child} path={[...path, i]} depth={depth + 1} maxDepth={maxDepth} props={props} />
      ))}
    </>
  );
}

function ImportDialog({ open, onClose, onImport }: { open: boolean; onClose: () => void; onImport: (tree: CascadeNode[], depth: number) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const [failedLine, setFailedLine] = useState<number | null>(null);
  return (
    <Modal
      open={open}
      title={t("designer.cascade.importTitle")}
      okText={t("designer.cascade.import")}
      okButtonProps={{ "data-testid": "cascade-import-ok" }}
      onCancel={onClose}
      onOk={() => {
        const result = importTree(text);
        if (!result.ok) return setFailedLine(result.line);
        setFailedLine(null);
        onImport(result.tree, result.depth);
      }}
    >
      <Typography.Paragraph type="secondary">{t("designer.cascade.importHint")}</Typography.Paragraph>
      <Input.TextArea rows={8} value={text} data-testid="cascade-import-text" onChange={(e) => setText(e.target.value)} />
      {failedLine !== null && <Alert type="error" showIcon style={{ marginTop: 8 }} message={t("designer.cascade.importInvalid", { line: failedLine })} />}
    </Modal>
  );
}

export default function CascadeEditor(props: Props) {
  const { t } = useTranslation();
  const { cascade, onChange, errorAt } = props;
  const [importing, setImporting] = useState(false);
  const levels = cascade.levels;
  return (
    <Flex vertical gap={4} data-testid="cascade-editor">
      {levels.map((level, i) => (
        <NamesInput
          key={i}
          label={t("designer.cascade.level", { n: i + 1 })}
          value={level}
          testId={`level-${i}`}
          errorOf={(lang) => errorAt(`levels.${i}.${lang}`)}
          onChange={(names) => onChange({ ...cascade, levels: levels.map((l, j) => (j === i ? names : l)) })}
        />
      ))}
      <Flex gap={8}>
        <Button size="small" icon={<PlusOutlined />} data-testid="level-add" onClick={() => onChange({ ...cascade, levels: [...levels, levelNames(levels.length + 1)] })}>
          {t("designer.cascade.addLevel")}
        </Button>
        <Button size="small" disabled={levels.length <= 1} onClick={() => onChange({ ...cascade, levels: levels.slice(0, -1) })}>
          {t("designer.cascade.removeLevel")}
        </Button>
        <Flex gap={4} align="center">
          <Switch size="small" checked={cascade.allow_partial ?? false} onChange={(v) => onChange({ ...cascade, allow_partial: v })} />
          {t("designer.cascade.allowPartial")}
        </Flex>
      </Flex>
      <Typography.Text strong>{t("designer.cascade.tree")}</Typography.Text>
      {errorAt("levels") && !levels.some((_, i) => errorAt(`levels.${i}`)) && <Alert type="error" showIcon message={errorAt("levels")} />}
      {errorAt("tree") && cascade.tree.length === 0 && <Alert type="error" showIcon message={errorAt("tree")} />}
      {cascade.tree.map((node, i) => (
        <NodeRow key={i} node={node} path={[i]} depth={0} maxDepth={levels.length} props={props} />
      ))}
      <Flex gap={8}>
        <Button size="small" icon={<PlusOutlined />} data-testid="node-add" onClick={() => onChange({ ...cascade, tree: [...cascade.tree, blankNode(cascade.tree)] })}>
          {t("designer.cascade.addNode")}
        </Button>
        <Button size="small" icon={<ImportOutlined />} data-testid="cascade-import" onClick={() => setImporting(true)}>
          {t("designer.cascade.import")}
        </Button>
      </Flex>
      <ImportDialog
        open={importing}
        onClose={() => setImporting(false)}
        onImport={(tree, depth) => {
          const more = Array.from({ length: Math.max(0, depth - levels.length) }, (_, i) => levelNames(levels.length + i + 1));
          onChange({ ...cascade, tree, levels: [...levels, ...more] });
          setImporting(false);
        }}
      />
    </Flex>
  );
}

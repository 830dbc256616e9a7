// The form being designed: its sections in order, each a drop zone whose fields can be dragged
// to reorder them or into another section. Each field also has move buttons for the keyboard.
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, HolderOutlined } from "@ant-design/icons";
import { useDroppable } from "@dnd-kit/core";
import { SortableContext, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { Button, Card, Empty, Flex, Tag, Typography, theme } from "antd";
import { useTranslation } from "react-i18next";
import type { FieldDef, Section, TemplateDef } from "../../../api";
import { textIn } from "../names";

export const FIELD_PREFIX = "field:";
export const SECTION_PREFIX = "section:";

type CardProps = {
  field: FieldDef;
  selected: boolean;
  refused: boolean;
  first: boolean;
  last: boolean;
  onSelect: () => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
};

function FieldCard({ field, selected, refused, first, last, onSelect, onMove, onRemove }: CardProps) {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id: `${FIELD_PREFIX}${field.key}` });
  const border = refused ? token.colorError : selected ? token.colorPrimary : token.colorBorderSecondary;
  const label = textIn(field.labels, i18n.language) || field.key;
  return (
    <Flex
      ref={setNodeRef}
      align="center"
      gap={6}
      data-testid={`canvas-field-${field.key}`}
      aria-selected={selected}
      onClick={onSelect}
      style={{
        transform: CSS.Transform.toString(transform),
        transition,
        opacity: isDragging ? 0.5 : 1,
        padding: "4px 8px",
        border: `1px solid ${border}`,
        borderRadius: 6,
        background: selected ? token.colorPrimaryBg : token.colorBgContainer,
        cursor: "pointer",
      }}
    >
      <span {...listeners} {...attributes} aria-label={t("designer.canvas.drag", { field: label })} style={{ cursor: "grab" }}>
        <HolderOutlined />
      </span>
      <Flex vertical style={{ flex: 1, minWidth: 0 }}>
        <Typography.Text ellipsis>
          {label}
          {field.required && <Typography.Text type="danger"> *</Typography.Text>}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {field.key}
        </Typography.Text>
      </Flex>
      <Tag>{t(`designer.type.${field.type}`)}</Tag>
      <Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={first} aria-label={t("designer.canvas.up")} data-testid={`move-up-${field.key}`} onClick={(e) => { e.stopPropagation(); onMove(-1); }} />
      <Button size="small" type="text" icon={<ArrowDownOutlined />} disabled={last} aria-label={t("designer.canvas.down")} data-testid={`move-down-${field.key}`} onClick={(e) => { e.stopPropagation(); onMove(1); }} />
      <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t("designer.canvas.remove")} data-testid={`remove-${field.key}`} onClick={(e) => { e.stopPropagation(); onRemove(); }} />
    </Flex>
  );
}

type SectionProps = {
  section: Section;
  fields: FieldDef[];
  active: boolean;
  onActivate: () => void;
  children: React.ReactNode;
};

function SectionZone({ section, fields, active, onActivate, children }: SectionProps) {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  const { setNodeRef, isOver } = useDroppable({ id: `${SECTION_PREFIX}${section.key}` });
  return (
    <Card
      size="small"
      data-testid={`canvas-section-${section.key}`}
      title={textIn(section.names, i18n.language) || section.key}
      onClick={onActivate}
      style={{ borderColor: isOver || active ? token.colorPrimary : undefined }}
      extra={active ? <Tag color="blue">{t("designer.canvas.addsHere")}</Tag> : null}
    >
      <div ref={setNodeRef} style={{ minHeight: 40 }} data-testid={`drop-section-${section.key}`}>
        <SortableContext items={fields.map((f) => `${FIELD_PREFIX}${f.key}`)} strategy={verticalListSortingStrategy}>
          <Flex vertical gap={4}>
            {fields.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("designer.canvas.dropHere")} /> : children}
          </Flex>
        </SortableContext>
      </div>
    </Card>
  );
}

type Props = {
  definition: TemplateDef;
  selected: string | null;
  activeSection: string;
  refusedField: number | null;
  onSelect: (key: string) => void;
  onActivateSection: (key: string) => void;
  onMove: (key: string, delta: -1 | 1) => void;
  onRemove: (key: string) => void;
};

export default function Canvas({ definition, selected, activeSection, refusedField, onSelect, onActivateSection, onMove, onRemove }: Props) {
  return (
    <Flex vertical gap={8} style={{ flex: 1, minWidth: 260 }} data-testid="designer-canvas">
      {definition.sections.map((section) => {
        const fields = definition.fields.filter((f) => f.section === section.key);
        return (
          <SectionZone key={section.key} section={section} fields={fields} active={activeSection === section.key} onActivate={() => onActivateSection(section.key)}>
            {fields.map((field, i) => (
              <FieldCard
                key={field.key}
                field={field}
                selected={selected === field.key}
                refused={refusedField !== null && definition.fields[refusedField]?.key === field.key}
                first={i === 0}
                last={i === fields.length - 1}
                onSelect={() => onSelect(field.key)}
                onMove={(delta) => onMove(field.key, delta)}
                onRemove={() => onRemove(field.key)}
              />
            ))}
          </SectionZone>
        );
      })}
    </Flex>
  );
}

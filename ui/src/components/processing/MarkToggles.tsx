// The reader's own star and important marks on an order, as two toggle buttons (row and header).
import { ExclamationCircleFilled, ExclamationCircleOutlined, StarFilled, StarOutlined } from "@ant-design/icons";
import { Button, Space, Tooltip } from "antd";
import type { MouseEvent } from "react";
import { useTranslation } from "react-i18next";
import type { MarkKey, Marks } from "../../lib/processing";

type Props = {
  /** Null while the core has not said yet: the buttons wait. */
  marks: Marks | null;
  onToggle: (mark: MarkKey, on: boolean) => void;
  size?: "small" | "middle";
};

export default function MarkToggles({ marks, onToggle, size = "small" }: Props) {
  const { t } = useTranslation();
  const starred = marks?.starred ?? false;
  const important = marks?.important ?? false;
  const click = (mark: MarkKey, on: boolean) => (e: MouseEvent) => {
    // In a row, a click on a mark must not open the order.
    e.stopPropagation();
    onToggle(mark, on);
  };
  const starLabel = t(starred ? "marks.unstar" : "marks.star");
  const importantLabel = t(important ? "marks.unimportant" : "marks.important");
  return (
    <Space size={0} data-row-control>
      <Tooltip title={starLabel}>
        <Button
          type="text"
          size={size}
          aria-label={starLabel}
          aria-pressed={starred}
          disabled={marks === null}
          data-testid="mark-star"
          icon={starred ? <StarFilled style={{ color: "#faad14" }} /> : <StarOutlined />}
          onClick={click("star", !starred)}
        />
      </Tooltip>
      <Tooltip title={importantLabel}>
        <Button
          type="text"
          size={size}
          aria-label={importantLabel}
          aria-pressed={important}
          disabled={marks === null}
          data-testid="mark-important"
          icon={important ? <ExclamationCircleFilled style={{ color: "#f5222d" }} /> : <ExclamationCircleOutlined />}
          onClick={click("important", !important)}
        />
      </Tooltip>
    </Space>
  );
}

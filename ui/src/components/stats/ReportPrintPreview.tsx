// A report's print preview: the report as of now, as the core rendered it, with Save as PDF
// (the desktop prints it straight into a PDF file beside the report's runs and says where) and
// Print (the system's print dialog, where any printer, or a file, can be chosen).
import { FilePdfOutlined, PrinterOutlined } from "@ant-design/icons";
import { Alert, Button, Modal, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import { messageOf } from "../../i18n/errors";

type Props = {
  /** The report's name and its HTML; the preview is closed when null. */
  report: { name: string; html: string } | null;
  onClose: () => void;
  /** A PDF was written at this path. */
  onWritten: (path: string) => void;
};

export default function ReportPrintPreview({ report, onClose, onWritten }: Props) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState<"pdf" | "print" | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function run(kind: "pdf" | "print") {
    if (!report) return;
    setBusy(kind);
    setError(null);
    try {
      if (kind === "pdf") {
        onWritten(await api.reportsPdf(report.name, i18n.language));
        onClose();
      } else {
        await api.reportsPrint(report.name, i18n.language);
      }
    } catch (e) {
      setError(messageOf(t, e));
    } finally {
      setBusy(null);
    }
  }

  const footer = (
    <Space>
      <Button onClick={onClose}>{t("reports.close")}</Button>
      <Button icon={<FilePdfOutlined />} loading={busy === "pdf"} disabled={busy !== null} data-testid="report-pdf" onClick={() => void run("pdf")}>
        {t("reports.savePdf")}
      </Button>
      <Button type="primary" icon={<PrinterOutlined />} loading={busy === "print"} disabled={busy !== null} data-testid="report-print-ok" onClick={() => void run("print")}>
        {t("reports.print")}
      </Button>
    </Space>
  );

  return (
    <Modal open={report !== null} width="90vw" title={t("reports.print")} footer={footer} onCancel={onClose}>
      {error && <Alert type="error" showIcon message={error} data-testid="report-print-error" style={{ marginBottom: 12 }} />}
      {report && (
        <iframe title={t("reports.preview")} srcDoc={report.html} style={{ width: "100%", height: "70vh", border: 0 }} data-testid="report-preview" />
      )}
    </Modal>
  );
}

// The files of an attachment field: upload (the core stores and checks each), list with
// download, remove. The field's value is the list of stored files.
import { DeleteOutlined, DownloadOutlined, PaperClipOutlined, UploadOutlined } from "@ant-design/icons";
import { Alert, Button, Flex, Typography, Upload } from "antd";
import { useState } from "react";
import type { AttachmentRef } from "../../api";
import { messageOf } from "../../i18n/errors";
import { normaliseLanguage } from "../../i18n";
import { useFormat } from "../../i18n/format";
import { downloadFile, formatBytes, storeFile } from "./attachments";
import { useLangT } from "./useLangT";

type Props = {
  /** The language of the form (labels, buttons, messages). */
  lang?: string;
  templateKey: string;
  fieldKey: string;
  /** Allowed MIME types or extensions, offered to the file chooser (the core still checks). */
  accept: string[];
  value?: AttachmentRef[] | null;
  onChange?: (value: AttachmentRef[]) => void;
  disabled?: boolean;
  testId?: string;
};

export default function AttachmentInput({ lang, templateKey, fieldKey, accept, value, onChange, disabled, testId }: Props) {
  const t = useLangT(lang);
  const { lng: uiLng } = useFormat();
  const lng = lang ? normaliseLanguage(lang) : uiLng;
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const files = value ?? [];

  async function upload(file: File) {
    setBusy(true);
    setFailure(null);
    try {
      const stored = await storeFile(templateKey, fieldKey, file);
      onChange?.([...files.filter((f) => f.sha256 !== stored.sha256), stored]);
    } catch (e) {
      setFailure(messageOf(t, e));
    } finally {
      setBusy(false);
    }
  }

  async function download(file: AttachmentRef) {
    setFailure(null);
    try {
      await downloadFile(file);
    } catch (e) {
      setFailure(messageOf(t, e));
    }
  }

  return (
    <Flex vertical gap={8} data-testid={testId}>
      {files.length === 0 && disabled && <Typography.Text type="secondary">{t("templateForm.noFiles")}</Typography.Text>}
      {files.map((file) => (
        <Flex key={file.sha256} gap={8} align="center" data-testid="attachment-file">
          <PaperClipOutlined />
          <Typography.Text>{file.name}</Typography.Text>
          <Typography.Text type="secondary">{formatBytes(file.size, lng)}</Typography.Text>
          <Button
            size="small"
            type="link"
            icon={<DownloadOutlined />}
            aria-label={t("templateForm.download", { name: file.name })}
            onClick={() => void download(file)}
          />
          {!disabled && (
            <Button
              size="small"
              type="link"
              danger
              icon={<DeleteOutlined />}
              aria-label={t("templateForm.remove", { name: file.name })}
              onClick={() => onChange?.(files.filter((f) => f.sha256 !== file.sha256))}
            />
          )}
        </Flex>
      ))}
      {!disabled && (
        <Upload
          accept={accept.join(",") || undefined}
          showUploadList={false}
          beforeUpload={(file) => {
            void upload(file);
            // The file goes to the core, not to an HTTP endpoint.
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={busy} data-testid={testId && `${testId}-upload`}>
            {t("templateForm.upload")}
          </Button>
        </Upload>
      )}
      {failure && <Alert type="error" showIcon message={failure} data-testid="attachment-error" />}
    </Flex>
  );
}

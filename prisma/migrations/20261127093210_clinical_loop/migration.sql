-- CreateEnum
CREATE TYPE "AlertKind" AS ENUM ('PAIN', 'WARNING_SIGN');

-- AlterTable
ALTER TABLE "Clinic" ADD COLUMN     "emergencyNumber" TEXT NOT NULL DEFAULT '911',
ADD COLUMN     "phone" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "timeZone" TEXT NOT NULL DEFAULT 'UTC';

-- AlterTable: every pain logged so far was back pain as the patient read the question; leg pain was not
-- asked, so it stays unknown. Renamed, not dropped: nothing a patient reported is lost.
ALTER TABLE "SessionLog" RENAME COLUMN "pain" TO "backPain";
ALTER TABLE "SessionLog" ADD COLUMN     "correctsId" TEXT,
ADD COLUMN     "legPain" INTEGER,
ADD COLUMN     "submissionKey" TEXT;

-- CreateTable
CREATE TABLE "Alert" (
    "id" TEXT NOT NULL,
    "clinicId" TEXT NOT NULL,
    "patientId" TEXT NOT NULL,
    "kind" "AlertKind" NOT NULL,
    "cause" TEXT NOT NULL,
    "detail" JSONB NOT NULL,
    "sessionLogId" TEXT,
    "raisedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedById" TEXT,
    "acknowledgementNote" TEXT,

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WarningSignReport" (
    "id" TEXT NOT NULL,
    "patientId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "submissionKey" TEXT,
    "reportedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WarningSignReport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Alert_patientId_acknowledgedAt_idx" ON "Alert"("patientId", "acknowledgedAt");

-- CreateIndex
CREATE INDEX "Alert_clinicId_acknowledgedAt_raisedAt_idx" ON "Alert"("clinicId", "acknowledgedAt", "raisedAt");

-- CreateIndex
CREATE INDEX "WarningSignReport_patientId_reportedAt_idx" ON "WarningSignReport"("patientId", "reportedAt");

-- CreateIndex
CREATE UNIQUE INDEX "WarningSignReport_patientId_submissionKey_code_key" ON "WarningSignReport"("patientId", "submissionKey", "code");

-- CreateIndex
CREATE UNIQUE INDEX "SessionLog_correctsId_key" ON "SessionLog"("correctsId");

-- CreateIndex
CREATE INDEX "SessionLog_patientId_createdAt_idx" ON "SessionLog"("patientId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "SessionLog_patientId_submissionKey_key" ON "SessionLog"("patientId", "submissionKey");

-- AddForeignKey
ALTER TABLE "SessionLog" ADD CONSTRAINT "SessionLog_correctsId_fkey" FOREIGN KEY ("correctsId") REFERENCES "SessionLog"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WarningSignReport" ADD CONSTRAINT "WarningSignReport_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Pain scores are 0 to 10, whatever writes them.
ALTER TABLE "SessionLog" ADD CONSTRAINT "SessionLog_pain_range" CHECK ("backPain" BETWEEN 0 AND 10 AND ("legPain" IS NULL OR "legPain" BETWEEN 0 AND 10));

-- One open alert per patient and cause: a second log with the same pain, or the same sign reported again,
-- does not raise a second alert while the first is open (and two at once cannot both insert).
CREATE UNIQUE INDEX "Alert_one_open_per_cause" ON "Alert"("patientId", "cause") WHERE "acknowledgedAt" IS NULL;

-- What a patient reported is their record: never changed, never deleted (a correction is a new row).
CREATE TRIGGER "SessionLog_append_only"
  BEFORE UPDATE OR DELETE ON "SessionLog"
  FOR EACH ROW EXECUTE FUNCTION regimen_reject_change();
CREATE TRIGGER "WarningSignReport_append_only"
  BEFORE UPDATE OR DELETE ON "WarningSignReport"
  FOR EACH ROW EXECUTE FUNCTION regimen_reject_change();

-- An alert is closed once, by setting who acknowledged it, when and why; nothing else of it ever changes,
-- and it is never deleted.
CREATE FUNCTION regimen_protect_alert() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'an alert is never deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD."acknowledgedAt" IS NOT NULL THEN
    RAISE EXCEPTION 'an acknowledged alert is immutable' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW."acknowledgedAt" IS NULL OR NEW."acknowledgedById" IS NULL OR NEW."acknowledgementNote" IS NULL
     OR NEW."id" <> OLD."id" OR NEW."clinicId" <> OLD."clinicId" OR NEW."patientId" <> OLD."patientId"
     OR NEW."kind" <> OLD."kind" OR NEW."cause" <> OLD."cause" OR NEW."detail" <> OLD."detail"
     OR NEW."sessionLogId" IS DISTINCT FROM OLD."sessionLogId" OR NEW."raisedAt" <> OLD."raisedAt" THEN
    RAISE EXCEPTION 'an alert can only be acknowledged' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Alert_acknowledge_only"
  BEFORE UPDATE OR DELETE ON "Alert"
  FOR EACH ROW EXECUTE FUNCTION regimen_protect_alert();

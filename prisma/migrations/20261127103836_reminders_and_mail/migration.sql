-- CreateEnum
CREATE TYPE "MailKind" AS ENUM ('INVITATION', 'REMINDER', 'NEW_EXERCISE');

-- CreateEnum
CREATE TYPE "MailStatus" AS ENUM ('QUEUED', 'SENT', 'FAILED', 'CANCELLED');

-- CreateTable
CREATE TABLE "ReminderPreference" (
    "patientId" TEXT NOT NULL,
    "time" TEXT NOT NULL DEFAULT '09:00',
    "showNames" BOOLEAN NOT NULL DEFAULT false,
    "emailReminders" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReminderPreference_pkey" PRIMARY KEY ("patientId")
);

-- CreateTable
CREATE TABLE "CalendarFeed" (
    "id" TEXT NOT NULL,
    "patientId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "CalendarFeed_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MailMessage" (
    "id" TEXT NOT NULL,
    "clinicId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "patientId" TEXT,
    "kind" "MailKind" NOT NULL,
    "day" DATE,
    "status" "MailStatus" NOT NULL DEFAULT 'QUEUED',
    "jobId" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "sealedLink" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "MailMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CalendarFeed_tokenHash_key" ON "CalendarFeed"("tokenHash");

-- CreateIndex
CREATE INDEX "CalendarFeed_patientId_idx" ON "CalendarFeed"("patientId");

-- CreateIndex
CREATE INDEX "MailMessage_clinicId_status_createdAt_idx" ON "MailMessage"("clinicId", "status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "MailMessage_patientId_kind_day_key" ON "MailMessage"("patientId", "kind", "day");

-- AddForeignKey
ALTER TABLE "ReminderPreference" ADD CONSTRAINT "ReminderPreference_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalendarFeed" ADD CONSTRAINT "CalendarFeed_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- One live calendar link per patient: a new link revokes the one before it in the same transaction, and
-- two clicks at once cannot both leave a live link.
CREATE UNIQUE INDEX "CalendarFeed_one_live_per_patient" ON "CalendarFeed"("patientId") WHERE "revokedAt" IS NULL;

-- A reminder's sent time of day is the patient's own choice, as HH:MM.
ALTER TABLE "ReminderPreference" ADD CONSTRAINT "ReminderPreference_time_check" CHECK ("time" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$');

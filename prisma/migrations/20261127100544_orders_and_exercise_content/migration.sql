-- CreateEnum
CREATE TYPE "ExerciseLoad" AS ENUM ('BENDING', 'LIFTING', 'TWISTING', 'LUMBAR_EXTENSION');

-- CreateEnum
CREATE TYPE "RestrictionKind" AS ENUM ('LIFTING', 'BENDING', 'TWISTING', 'SITTING', 'DRIVING');

-- AlterTable
ALTER TABLE "Exercise" ADD COLUMN     "illustration" JSONB,
ADD COLUMN     "loads" "ExerciseLoad"[] DEFAULT ARRAY[]::"ExerciseLoad"[],
ADD COLUMN     "patientName" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "ProtocolPhase" ADD COLUMN     "restrictions" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "PlanVersion" ADD COLUMN     "restrictions" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "PlanItem" ADD COLUMN     "patientName" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "SurgeonOrder" (
    "id" TEXT NOT NULL,
    "episodeId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "surgeonId" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "contentHash" TEXT NOT NULL,
    "signatureHash" TEXT NOT NULL,
    "signedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SurgeonOrder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurgeonOrderRestriction" (
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "kind" "RestrictionKind" NOT NULL,
    "isAllowed" BOOLEAN NOT NULL,
    "limit" INTEGER,
    "unit" TEXT,
    "untilDate" DATE,
    "untilPhaseId" TEXT,

    CONSTRAINT "SurgeonOrderRestriction_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SurgeonOrder_episodeId_version_key" ON "SurgeonOrder"("episodeId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "SurgeonOrderRestriction_orderId_kind_key" ON "SurgeonOrderRestriction"("orderId", "kind");

-- AddForeignKey
ALTER TABLE "SurgeonOrder" ADD CONSTRAINT "SurgeonOrder_episodeId_fkey" FOREIGN KEY ("episodeId") REFERENCES "Episode"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurgeonOrderRestriction" ADD CONSTRAINT "SurgeonOrderRestriction_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "SurgeonOrder"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- A surgeon's order is a signature: it is never changed or deleted. A change is the next version.
CREATE TRIGGER "SurgeonOrder_append_only"
  BEFORE UPDATE OR DELETE ON "SurgeonOrder"
  FOR EACH ROW EXECUTE FUNCTION regimen_reject_change();
CREATE TRIGGER "SurgeonOrderRestriction_append_only"
  BEFORE UPDATE OR DELETE ON "SurgeonOrderRestriction"
  FOR EACH ROW EXECUTE FUNCTION regimen_reject_change();

-- AlterTable
ALTER TABLE "PlanVersion" ADD COLUMN     "precautions" TEXT NOT NULL DEFAULT '';


-- Versions written before this column existed take their phase's precautions as they are today.
ALTER TABLE "PlanVersion" DISABLE TRIGGER "PlanVersion_immutable_when_approved";
UPDATE "PlanVersion" v SET "precautions" = p."precautions" FROM "ProtocolPhase" p WHERE p.id = v."phaseId";
ALTER TABLE "PlanVersion" ENABLE TRIGGER "PlanVersion_immutable_when_approved";

import 'server-only';
import { Circle, Document, Image, Line, Page, Path, Polygon, Rect, StyleSheet, Svg, Text, View, renderToBuffer } from '@react-pdf/renderer';
import QRCode from 'qrcode';
import { formatDay } from '@/lib/domain/clinic-time';
import { illustrationShapes } from '@/lib/domain/drawings/render-svg';
import type { Illustration } from '@/lib/domain/drawings/types';
import { signWithAction, WARNING_SIGNS, warningSignsIntro } from '@/lib/domain/warning-signs';
import { PROGRAMME_COPY as COPY } from '@/lib/content/programme';
import { publicUrl } from '../public-url';
import type { Programme } from './get-programme';

// The printed programme, drawn with @react-pdf/renderer. No lineHeight on the Page: the fixed page number
// inherits it and react-pdf 4.x then drops it. Black text on white, drawings in the palette the
// screen uses (it reads as greys in black and white), nothing that needs colour to be understood.

const styles = StyleSheet.create({
  page: { padding: 36, paddingBottom: 48, fontSize: 12, fontFamily: 'Helvetica', color: '#111111' },
  header: { borderBottom: '1pt solid #333333', paddingBottom: 8, marginBottom: 10, flexDirection: 'row', justifyContent: 'space-between' },
  title: { fontSize: 20, fontFamily: 'Helvetica-Bold', lineHeight: 1.2, marginBottom: 4 },
  clinic: { fontSize: 11, textAlign: 'right' },
  h2: { fontSize: 15, fontFamily: 'Helvetica-Bold', marginTop: 12, marginBottom: 6 },
  exercise: { flexDirection: 'row', borderTop: '0.5pt solid #999999', paddingTop: 8, marginBottom: 8 },
  picture: { width: 170, marginRight: 12 },
  details: { flexGrow: 1, flexBasis: 0 },
  name: { fontSize: 13, fontFamily: 'Helvetica-Bold', marginBottom: 2 },
  dosage: { fontFamily: 'Helvetica-Bold', marginBottom: 4 },
  step: { marginBottom: 3 },
  help: { border: '1.5pt solid #111111', padding: 8, marginTop: 10 },
  helpLine: { fontSize: 13, fontFamily: 'Helvetica-Bold', marginBottom: 4 },
  small: { fontSize: 9, color: '#333333' },
  qr: { width: 84, height: 84 },
  headerRight: { flexDirection: 'row', alignItems: 'flex-start' },
  qrBlock: { width: 84, marginLeft: 10, alignItems: 'center' },
  qrCaption: { fontSize: 8, textAlign: 'center' },
  pageNumber: { position: 'absolute', bottom: 18, left: 36, right: 36, height: 14, fontSize: 9, color: '#333333', textAlign: 'center' },
});

function Drawing({ illustration, width }: { illustration: Illustration; width: number }) {
  const { width: w, height: h, shapes } = illustrationShapes(illustration);
  return (
    <Svg viewBox={`0 0 ${w} ${h}`} width={width} height={(width * h) / w}>
      {shapes.map((shape, index) => {
        switch (shape.kind) {
          case 'line':
            return <Line key={index} x1={shape.x1} y1={shape.y1} x2={shape.x2} y2={shape.y2} stroke={shape.stroke} strokeWidth={shape.strokeWidth} strokeLinecap={shape.cap} />;
          case 'circle':
            return <Circle key={index} cx={shape.cx} cy={shape.cy} r={shape.r} fill={shape.fill} stroke={shape.stroke ?? undefined} strokeWidth={shape.strokeWidth} />;
          case 'rect':
            return <Rect key={index} x={shape.x} y={shape.y} width={shape.width} height={shape.height} rx={shape.rx} fill={shape.fill} stroke={shape.stroke ?? undefined} strokeWidth={shape.strokeWidth} />;
          case 'polygon':
            return <Polygon key={index} points={shape.points.map((point) => point.join(',')).join(' ')} fill={shape.fill} stroke={shape.stroke ?? undefined} strokeWidth={shape.strokeWidth} strokeLinejoin="round" />;
          case 'path':
            return <Path key={index} d={shape.d} fill={shape.fill ?? 'none'} stroke={shape.stroke ?? undefined} strokeWidth={shape.strokeWidth} strokeLinecap={shape.cap} />;
          default: {
            const unhandled: never = shape;
            return unhandled;
          }
        }
      })}
    </Svg>
  );
}

export type ProgrammePhoto = { data: Buffer; format: 'jpg' | 'png' };

type Exercise = Programme['view']['home'][number];

function ExerciseBlock({ exercise, photo }: { exercise: Omit<Exercise, 'today'>; photo: ProgrammePhoto | undefined }) {
  return (
    <View style={styles.exercise} wrap={false}>
      <View style={styles.picture}>
        {/* eslint-disable-next-line jsx-a11y/alt-text -- react-pdf's Image: a PDF has no alt attribute */}
        {photo ? <Image src={photo} /> : exercise.illustration ? <Drawing illustration={exercise.illustration} width={170} /> : null}
      </View>
      <View style={styles.details}>
        <Text style={styles.name}>{exercise.name}</Text>
        <Text style={styles.dosage}>
          {COPY.howMuch}: {exercise.dosageText}
        </Text>
        {exercise.steps.map((step, index) => (
          <Text key={index} style={styles.step}>
            {index + 1}. {step}
          </Text>
        ))}
        {exercise.notes ? (
          <Text style={styles.step}>
            {COPY.fromTherapist}: {exercise.notes}
          </Text>
        ) : null}
      </View>
    </View>
  );
}

/** The programme as a PDF, on A4 or US Letter paper. `photos` holds the clinic's chosen photo per exercise. */
export async function renderProgrammePdf(programme: Programme, { photos, now }: { photos: ReadonlyMap<string, ProgrammePhoto>; now: Date }): Promise<Buffer> {
  const { view } = programme;
  const settings = { emergencyNumber: view.clinic.emergencyNumber };
  const intro = warningSignsIntro(settings);
  const qr = await QRCode.toDataURL(publicUrl('/login'), { errorCorrectionLevel: 'M', margin: 1, width: 256 });
  const document = (
    <Document title={`${COPY.title}: ${programme.patientName}`} author={view.clinic.name}>
      <Page size={programme.paper} style={styles.page}>
        <View style={styles.header}>
          <View>
            <Text style={styles.title}>{COPY.title}</Text>
            <Text>{programme.patientName}</Text>
            <Text style={styles.small}>
              {COPY.printed} {formatDay(new Date(`${view.today}T00:00:00.000Z`), { today: now })}
            </Text>
          </View>
          <View style={styles.headerRight}>
            <View>
              <Text style={styles.clinic}>{view.clinic.name}</Text>
              {view.clinic.phone ? <Text style={styles.clinic}>{view.clinic.phone}</Text> : null}
            </View>
            <View style={styles.qrBlock}>
              {/* eslint-disable-next-line jsx-a11y/alt-text -- react-pdf's Image: the caption below it says what it is */}
              <Image src={qr} style={styles.qr} />
              <Text style={styles.qrCaption}>{COPY.qrCaption}</Text>
            </View>
          </View>
        </View>
        <Text>{COPY.intro}</Text>

        <View style={styles.help} wrap={false}>
          <Text style={styles.helpLine}>
            Emergency: call {view.clinic.emergencyNumber}.{view.clinic.phone ? ` Clinic: ${view.clinic.phone}.` : ''}
          </Text>
          <Text style={styles.small}>{intro.body}</Text>
        </View>

        <Text style={styles.h2} minPresenceAhead={60}>{COPY.homeHeading}</Text>
        {view.home.length === 0 ? <Text>{COPY.homeEmpty}</Text> : null}
        {view.home.map((exercise) => (
          <ExerciseBlock key={exercise.exerciseId} exercise={exercise} photo={exercise.media ? photos.get(exercise.media.id) : undefined} />
        ))}

        {view.withTherapist.length > 0 ? (
          // Kept on one page (a short list): a heading never ends a page alone.
          <View wrap={false}>
            <Text style={styles.h2} minPresenceAhead={60}>{COPY.therapistHeading}</Text>
            <Text>{COPY.therapistIntro}</Text>
            {view.withTherapist.map((exercise) => (
              <View key={exercise.exerciseId} style={{ marginTop: 4 }}>
                <Text style={styles.name}>{exercise.name}</Text>
                <Text>{exercise.dosageText}</Text>
              </View>
            ))}
          </View>
        ) : null}

        {view.restrictions.sentences.length > 0 ? (
          <View wrap={false}>
            <Text style={styles.h2} minPresenceAhead={60}>{COPY.limitsHeading}</Text>
            {view.restrictions.fromSurgeon ? <Text>{COPY.limitsFromSurgeon}</Text> : null}
            {view.restrictions.sentences.map((sentence) => (
              <Text key={sentence}>- {sentence}</Text>
            ))}
          </View>
        ) : null}

        {view.precautions ? (
          <View wrap={false}>
            <Text style={styles.h2} minPresenceAhead={60}>{COPY.careHeading}</Text>
            <Text>{view.precautions}</Text>
          </View>
        ) : null}

        <View wrap={false}>
          <Text style={styles.h2} minPresenceAhead={60}>{intro.heading}</Text>
          {WARNING_SIGNS.map((sign) => (
            <Text key={sign.code} style={styles.step}>
              - {signWithAction(sign, settings)}
            </Text>
          ))}
        </View>

        <Text style={styles.pageNumber} fixed render={({ pageNumber, totalPages }) => `${programme.patientName}, ${COPY.page} ${pageNumber} of ${totalPages}`} />
      </Page>
    </Document>
  );
  return renderToBuffer(document);
}

/**
 * Italiano for the protocol's coded sentences (protocol/texts.ts, gathered in protocol/labs.ts
 * `protocolTexts`): `msg.<code>` for every code, with the English template's placeholders. The
 * type makes a code without a wording here a compile error; it.ts spreads this in.
 */
import type { ProtocolCode } from '../../../protocol/labs.js';

export const italianProtocol: { readonly [K in ProtocolCode as `msg.${K}`]: string } = {
  'msg.asIs': '{message}',
  'msg.rangeInt': '{label} ({field}) deve essere un numero intero tra {min} e {max}; valore dato: {got}.',
  'msg.rangeIntAbove':
    '{label} ({field}) deve essere un numero intero maggiore di {min} e al più {max}; valore dato: {got}.',
  'msg.rangeNumber': '{label} ({field}) deve essere un numero tra {min} e {max}; valore dato: {got}.',
  'msg.rangeNumberAbove':
    '{label} ({field}) deve essere un numero maggiore di {min} e al più {max}; valore dato: {got}.',
  'msg.choice': '{field} deve essere uno tra {allowed}; valore dato: {got}.',
  'msg.notAnObject': 'La configurazione ({what}) deve essere un oggetto.',
  'msg.trueOrFalse': '{field} deve essere true o false; valore dato: {got}.',
  'msg.oneOfQuoted': '{field} deve essere {allowed}; valore dato: {got}.',
  'msg.notLive': '{name} non si può cambiare mentre l’esecuzione si addestra.',
  'msg.notLiveNamed':
    '{name} non si può cambiare mentre l’esecuzione si addestra; parametri modificabili dal vivo: {names}.',
  'msg.dataObject': 'data deve essere un oggetto con kind "embedded" o "idx".',
  'msg.dataKind': 'data.kind deve essere "embedded" o "idx"; valore dato: {got}.',
  'msg.dataIdxFile': 'data.{key} deve indicare un file IDX (semplice o .gz).',
  'msg.dataPath': 'data.{key} deve essere il percorso di un file; valore dato: {got}.',
  'msg.dataTestPair': 'data.testImages e data.testLabels vanno indicati insieme.',
  'msg.dataFolder': 'data.folder deve indicare una cartella di foto PNG o JPEG.',
  'msg.photoOf': 'l’unica foto ({count}) di {folder}',
  'msg.photosOf': 'le {count} foto di {folder}',
  'msg.deadLeavesImages': '{count} immagini a foglie morte di {size}×{size}',
  'msg.tooFewSamples': 'I dati contengono {count} campione; ne servono almeno 2.',
  'msg.tooFewDigits': 'I dati contengono {count} cifra di addestramento; ne servono almeno 2.',
  'msg.labChoice': 'lab deve essere uno tra {allowed}; valore dato: {got}.',
  'msg.batchOverData':
    'dimensione del batch (batchSize) deve essere un numero intero tra 1 e {max} (le cifre di addestramento); valore dato: {got}.',
  'msg.diverged': '{what} al passo {step}{where}; addestramento fermato {kept}. {tip}',
  'msg.keptCheckpoint': 'e conservato il checkpoint del passo {step}',
  'msg.keptNone': 'e nessun checkpoint era ancora stato scritto',
  'msg.nan': 'NaN',
  'msg.infinite': 'infinita',
  'msg.lossBecame': 'La loss è diventata {how}',
  'msg.weightsNotFinite': 'I pesi sono diventati NaN o infiniti',
  'msg.tipLearningRate': 'Prova un learning rate più piccolo.',
  'msg.atEpoch': ' (epoca {epoch})',
  'msg.stoppedAt': 'Fermato al passo {step} di {steps}.',
  'msg.stoppedAtStep': 'Fermato al passo {step}.',
  'msg.commandRejected': 'Comando rifiutato: {error}.',
  'msg.trainerBusy':
    'Questo processo di addestramento esegue già {runId}; avviane uno nuovo per ogni esecuzione.',
  'msg.noRunYet': 'Nessuna esecuzione è partita; {command} ignorato.',
  'msg.commandRefused': 'Comando rifiutato: {error}',
  'msg.commandFailed': '{command} non riuscito: {error}',
  'msg.notRunning': 'L’esecuzione {runId} non è in corso; {command} richiede un’esecuzione attiva.',
  'msg.stillTraining':
    'L’esecuzione {runId} si sta ancora addestrando; fermala prima di eliminarla. Non è stato eliminato nulla.',
  'msg.trainingElsewhere':
    'L’esecuzione {runId} si sta addestrando in un altro EBM Lab (processo {pid}); fermala lì prima di eliminarla. Non è stato eliminato nulla.',
  'msg.trainerExited':
    'Il processo di addestramento dell’esecuzione {runId} è terminato inaspettatamente ({how}); le metriche fino al passo {step} sono salvate.',
  'msg.exitSignal': 'segnale {signal}',
  'msg.exitCode': 'codice di uscita {code}',
  'msg.interrupted':
    'L’esecuzione {runId} è stata interrotta prima della fine; le metriche fino al passo {step} sono salvate.',
  'msg.tooManyRuns':
    '{training} già, il massimo qui ({max}{cores}); fermane una o lasciala finire, poi riavvia (serve --max-runs N imposta il limite).',
  'msg.oneRunTrains': '{count} esecuzione in addestramento',
  'msg.runsTrain': '{count} esecuzioni in addestramento',
  'msg.forOneCore': ', per {count} core',
  'msg.forCores': ', per {count} core',
  // The energy lab
  'msg.energyDrawAtLeast': 'Disegna almeno {min} punti sul riquadro per addestrare sui tuoi dati.',
  'msg.energyPairs': 'I punti vanno a coppie x, y, ma sono state date {count} coordinate.',
  'msg.energyTooFew': 'Disegna almeno {min} punti su cui addestrare (ne hai {count}).',
  'msg.energyTooMany': 'Disegna al più {max} punti (ne hai {count}).',
  'msg.energyPointRange':
    'Il punto {index} deve avere coordinate tra −{limit} e {limit}; valore dato: {got}.',
  // The sparse-coding lab
  'msg.sparseDataObject': 'data deve essere un oggetto con kind "mnist" o "patches".',
  'msg.sparseTheImages': 'le immagini',
  'msg.sparsePatchTooBig':
    'lato della porzione p (patchSize) deve essere al più {max} pixel (il lato più corto tra {where}); valore dato: {got}.',
  // The convolutional lab
  'msg.convDataObject':
    'data deve essere un oggetto con una source "dead-leaves", "textured-leaves", "folder" o "mnist".',
  'msg.convKernelTooBig':
    'Il kernel (lato del kernel k = {k}, {k}×{k}) è più grande dell’immagine (lato dell’immagine {s}×{s}); scegli un kernel al più {s}×{s} o immagini più grandi.',
  'msg.convCropsTooBig':
    'I ritagli di {s}×{s} (lato dell’immagine) superano {where} (lato più corto {side} px); scegli un lato dell’immagine al più {side}.',
  'msg.convKernelCount': 'kernel n (kernels) deve essere uno tra {allowed}; valore dato: {got}.',
  'msg.convKernelOdd':
    'lato del kernel k (kernelSize) deve essere dispari (perché il kernel abbia un centro); valore dato: {got}.',
  'msg.convTheMnist': 'le cifre MNIST',
  'msg.convTheDeadLeaves': 'le immagini a foglie morte',
  'msg.convTheTextured': 'le immagini a foglie con texture',
  'msg.convThePhotos': 'le foto',
  'msg.convMnistCount': '{count} cifre MNIST incluse',
  'msg.convTexturedLeaves': '{count} immagini a foglie con texture di {size}×{size}',
  // The contrastive lab
  'msg.contrastiveAugmentObject': 'augment deve essere un oggetto di interruttori.',
  'msg.contrastiveAugmentSwitch': 'augment.{name} deve essere {shape}.',
  'msg.contrastiveAugmentUnknown': 'augment non ha {unknown}; le aumentazioni sono {names}.',
  'msg.contrastiveBankTooBig':
    'L’NCE di PIRL estrae i suoi {bank} negativi dalle voci della banca di immagini fuori dal batch; {digits} cifre di addestramento con batch di {batch} ne lasciano {others}. Riduci la banca di memoria (memoryBankSize) ad al più {others}.',
};

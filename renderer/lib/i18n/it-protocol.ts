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
    '{name} non si può cambiare mentre l’esecuzione si addestra; parametri modificabili in diretta: {names}.',
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
  'msg.testLossBecame': 'La loss di test è diventata {how}',
  'msg.epochOne': '{count} epoca',
  'msg.epochMany': '{count} epoche',
  'msg.stoppedAtWhere': 'Fermato al passo {step} di {steps}{where}.',
  'msg.wrongRun': 'Questo processo di addestramento esegue {runId}, non {other}.',
  'msg.runFinished': 'L’esecuzione {runId} è terminata; non accetta più comandi {command}.',
  'msg.checkpointFailed': 'Impossibile scrivere il checkpoint del passo {step}: {error}.',
  'msg.stoppedEarly': 'Fermato durante {during}; non è stato addestrato nulla.',
  'msg.stoppedStartingBackend': 'l’avvio del backend',
  'msg.stoppedReadingData': 'la lettura dei dati',
  'msg.buildFailed': 'Impossibile costruire il modello dell’esecuzione {runId}: {error}',
  'msg.trainerFailed': 'Il processo di addestramento dell’esecuzione {runId} è fallito: {error}',
  'msg.writeFailedRun':
    '{sentence} L’esecuzione {runId} si è fermata al passo {step} (metriche salvate fino al passo {saved}); {kept}.',
  'msg.writeKeptNone': 'nessun checkpoint era stato scritto',
  'msg.writeKeptCheckpoint': 'il suo checkpoint del passo {step} è conservato',
  'msg.writeFailedFile': 'Impossibile scrivere {name}: {error}.',
  // The VAE lab
  'msg.vaeLabel': '{model} · d = {d}',
  'msg.vaeStopped': 'Fermato al passo {step} di {steps}; conservato il checkpoint del passo {step}.',
  'msg.vaeDone': 'Addestrato per {epochs} ({steps} passi) in {seconds} s{summary}.',
  'msg.vaeDoneSummary': '; loss di test {loss} (ricostruzione {recon}, KL {kl})',
  // Why a run trains on its rung (protocol/backend-reasons.ts)
  'msg.backendAsked': '{name} è stato richiesto (--backend {name})',
  'msg.backendOrt':
    'onnxruntime-node {version} esegue sulla CPU il passo di addestramento compilato e le viste, con {threads}{asked}',
  'msg.backendThread': '{count} thread',
  'msg.backendThreads': '{count} thread',
  'msg.backendOrtAsked': ' (richiesto con --backend onnxruntime)',
  'msg.backendOrtInstalled':
    'onnxruntime-node è installato: il passo di addestramento e le viste girano su ONNX Runtime',
  'msg.backendGpuLoaded': 'tfjs-node-gpu caricato (CUDA); si usa tensorflow-gpu',
  'msg.backendGpuInstalled': 'tfjs-node-gpu è installato; si usa tensorflow-gpu se CUDA si carica',
  'msg.backendNodeInstalled': 'tfjs-node è installato; si usa tensorflow (CPU nativa)',
  'msg.backendNativeCpu': 'tensorflow (CPU nativa)',
  'msg.backendUsing': '{notes}; si usa {what}',
  'msg.backendNoTfjsNode':
    'tfjs-node non è installato (la sua installazione scarica libtensorflow, cosa non riuscita o saltata); si usa {what}',
  'msg.backendNoTfjsNodeNoWasm':
    'tfjs-node non è installato (la sua installazione scarica libtensorflow, cosa non riuscita o saltata) e manca tfjs-backend-wasm; si usa cpu',
  'msg.backendAfterSkip': '{skipped}; {reason}',
  // The energy lab
  'msg.energyLabel': '{method} · {data}',
  'msg.energyMethodDae': 'AE per la riduzione del rumore',
  'msg.energyMethodCd': 'Divergenza contrastiva',
  'msg.energyMethodPcd': 'CD persistente',
  'msg.energyMethodLatent': 'EBM a variabile latente',
  'msg.energyMethodConditional': 'EBM latente condizionato',
  'msg.energyDataMoons': 'lune',
  'msg.energyDataSpiral': 'spirale',
  'msg.energyDataRings': 'anelli',
  'msg.energyDataGaussians': 'gaussiane',
  'msg.energyDrawnPoints': '{count} punti disegnati',
  'msg.energyDrawAtLeast': 'Disegna almeno {min} punti sul riquadro per addestrare sui tuoi dati.',
  'msg.energyPairs': 'I punti vanno a coppie x, y, ma sono state date {count} coordinate.',
  'msg.energyTooFew': 'Disegna almeno {min} punti su cui addestrare (ne hai {count}).',
  'msg.energyTooMany': 'Disegna al più {max} punti (ne hai {count}).',
  'msg.energyPointRange':
    'Il punto {index} deve avere coordinate tra −{limit} e {limit}; valore dato: {got}.',
  'msg.energyPauseFirst': 'Metti in pausa l’esecuzione prima di farla avanzare di passi singoli.',
  'msg.energyExportFailed': 'Impossibile scrivere le esportazioni del paesaggio: {error}.',
  'msg.energyKeptNone': 'senza checkpoint (questo laboratorio ne scrive uno solo alla fine o su Ferma)',
  'msg.energyTip': 'Prova un learning rate o un passo di Langevin più piccoli, o un α più grande.',
  'msg.energyDone': 'Addestrato per {steps} passi in {seconds} s; energia media dei dati {data}{neg}.',
  'msg.energyDoneNeg': ', dei negativi {neg}',
  // The denoising lab
  'msg.daeLabel': 'AE per la riduzione del rumore · {noise} {strength}',
  'msg.daeNoiseGaussian': 'gaussiano',
  'msg.daeNoiseMask': 'mascheramento',
  'msg.daeDone': 'Addestrato per {epochs} ({steps} passi); loss di test {loss} per cifra.',
  // The sparse-coding lab
  'msg.sparseLabel': '{lista}{atoms} atomi{codes} · {data}',
  'msg.sparseLabelLista': 'LISTA K = {k} · ',
  'msg.sparseLabelPatches': 'porzioni {p}×{p} di {source}',
  'msg.sparseLabelPhoto': 'foto',
  'msg.sparseLabelDeadLeaves': 'foglie morte',
  'msg.sparseDataObject': 'data deve essere un oggetto con kind "mnist" o "patches".',
  'msg.sparseTheImages': 'le immagini',
  'msg.sparsePatchTooBig':
    'lato della porzione p (patchSize) deve essere al più {max} pixel (il lato più corto tra {where}); valore dato: {got}.',
  'msg.sparseExportFailed': 'Impossibile esportare il dizionario: {error}.',
  'msg.sparseDictionaryIn': '; il dizionario è in {files}',
  'msg.sparseDictionaryNotFinite': 'Il dizionario è diventato NaN o infinito',
  'msg.sparseEnergyBecame': 'L’energia è diventata {how}',
  'msg.sparseListaLossBecame': 'La loss di LISTA è diventata {how}',
  'msg.sparseListaErrorBecame': 'L’errore di LISTA sui campioni tenuti da parte è diventato {how}',
  'msg.sparseListaTip': 'Prova un learning rate di LISTA più piccolo.',
  'msg.sparseDone':
    'Appresi {atoms} atomi in {epochs} ({steps} passi, {seconds} s); energia sui campioni tenuti da parte {energy}, ricostruzione {recon}, {zeros} % di zeri{where}.{lista}',
  'msg.sparseListaClause': ' {sentence}.',
  'msg.sparseListaEquivalence': 'LISTA con K = {steps} raggiunge l’errore che FISTA raggiunge dopo {after}',
  'msg.sparseIterations': '{count} iterazioni',
  'msg.sparseMoreIterations': 'più di {count} iterazioni',
  // The convolutional lab
  'msg.convLabel': 'Sparsa conv. · {what} · {k}×{k} · λ = {lambda}',
  'msg.convLabelSweep': 'serie n = 1…{n}',
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
  'msg.convExportFailed': 'Impossibile esportare i kernel: {error}.',
  'msg.convPicturesIn': '; immagini in {files}',
  'msg.convAtN': ' (n = {n})',
  'msg.convTip': 'Prova un learning rate o un λ più piccoli.',
  'msg.convKernelsNotFinite': 'I kernel sono diventati NaN o infiniti',
  'msg.convPhaseBuild': 'costruzione del modello con n = {n}',
  'msg.convModels': '{count} modelli (n = {counts})',
  'msg.convOneModel': 'un modello di {kernels}',
  'msg.convOneKernel': '{count} kernel',
  'msg.convKernels': '{count} kernel',
  'msg.convEach': ' ciascuno',
  'msg.convDone':
    'Addestrato {what} di {k}×{k} per {steps} passi{each} ({total} passi, {seconds} s); concentrazione media dell’orientamento {oriented}, isotropia {isotropic}{where}.',
  // The contrastive lab
  'msg.contrastiveLabel': '{loss} · τ = {tau} · N = {n}{bank}',
  'msg.contrastiveLabelBank': ' · banca {size}',
  'msg.contrastiveAugmentObject': 'augment deve essere un oggetto di interruttori.',
  'msg.contrastiveAugmentSwitch': 'augment.{name} deve essere {shape}.',
  'msg.contrastiveAugmentUnknown': 'augment non ha {unknown}; le aumentazioni sono {names}.',
  'msg.contrastiveBankTooBig':
    'L’NCE di PIRL estrae i suoi {bank} negativi dalle voci della banca di immagini fuori dal batch; {digits} cifre di addestramento con batch di {batch} ne lasciano {others}. Riduci la banca di memoria (memoryBankSize) ad al più {others}.',
  'msg.contrastiveProbeIn': '; accuratezze del classificatore di prova in {file}',
  'msg.contrastiveProbeFailed': 'Impossibile scrivere le accuratezze del classificatore di prova: {error}.',
  'msg.contrastiveNoProbe': 'nessuna epoca conclusa, quindi nessuna prova del codificatore appreso',
  'msg.contrastiveSummary':
    'accuratezza di test del classificatore lineare {accuracy} % (codificatore casuale {random} %, pixel {pixels} %)',
  'msg.contrastiveTip': 'Prova un learning rate più piccolo o un τ più grande.',
  'msg.contrastiveStopped': 'Fermato al passo {step} di {steps}: {summary}{where}.',
  'msg.contrastiveDone': 'Addestrato {run} per {epochs} ({steps} passi, {seconds} s): {summary}{where}.',
  'msg.contrastivePhaseBaselines':
    'misura dei riferimenti: classificatori lineari su un codificatore casuale e sui pixel',
  'msg.contrastivePhaseBank':
    'riempimento della banca di memoria di PIRL: l’embedding del codificatore non addestrato per ciascuna delle {count} cifre',
  'msg.contrastivePhaseAugment': 'aumentazione dei primi batch (due viste casuali di ogni cifra)',
  'msg.contrastivePhaseProbe': 'classificatore lineare di prova sul codificatore dopo l’epoca {epoch}',
};

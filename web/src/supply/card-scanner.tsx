/**
 * Reads a ration card's QR code with the camera, where the browser has a
 * `BarcodeDetector` (Chromium on Android and desktop; needs HTTPS or localhost). Where it
 * has not, the desk offers no scan button and the code is typed.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLanguage } from '../language.js';
import { readCardCode } from './card-code.js';

interface DetectedCode { rawValue: string }
interface Detector { detect(source: HTMLVideoElement): Promise<DetectedCode[]> }
type DetectorClass = new (options: { formats: string[] }) => Detector;

const detectorClass = (): DetectorClass | undefined => (window as unknown as { BarcodeDetector?: DetectorClass }).BarcodeDetector;

export const canScan = (): boolean => typeof window !== 'undefined' && !!detectorClass() && !!navigator.mediaDevices?.getUserMedia;

/** The card code in what a QR code holds: the code itself, or a link that carries it
 *  (the first piece of the card's shape that checks). */
export function cardInScan(raw: string): string {
  const pieces = [...raw.matchAll(/[0-9A-Y]{4}[-\s]?[0-9A-Y]{6}/gi)].map((m) => m[0]);
  return pieces.find((p) => readCardCode(p).ok) ?? pieces[0] ?? raw.trim();
}

export function CardScanner({ onCode, onClose }: { onCode: (code: string) => void; onClose: () => void }) {
  const { t } = useLanguage();
  const video = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer = 0;
    let stopped = false;
    const Detector = detectorClass();
    if (!Detector) return;
    const detector = new Detector({ formats: ['qr_code'] });
    const look = async () => {
      if (stopped || !video.current) return;
      try {
        const [code] = await detector.detect(video.current);
        if (code?.rawValue && !stopped) return onCode(cardInScan(code.rawValue));
      } catch {
        // a frame that could not be read: try the next
      }
      timer = window.setTimeout(look, 250);
    };
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false }).then(
      async (s) => {
        stream = s;
        if (stopped || !video.current) return s.getTracks().forEach((track) => track.stop());
        video.current.srcObject = s;
        await video.current.play().catch(() => undefined);
        void look();
      },
      () => setFailed(true),
    );
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, []);

  return (
    <div class="scanner" role="group" aria-label={t('supply.scan.label')}>
      {failed ? <p class="form-alert" role="alert">{t('supply.scan.failed')}</p> : <p class="muted">{t('supply.scan.hint')}</p>}
      <video ref={video} class="scanner__video" muted playsInline aria-hidden="true" />
      <button type="button" class="button button--quiet" onClick={onClose}>{t('action.cancel')}</button>
    </div>
  );
}

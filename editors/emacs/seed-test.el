;;; seed-test.el --- eglot + jiaodui on the seed page, in batch mode  -*- lexical-binding: t -*-
;; emacs --batch -l seed-test.el /abs/jiaodui /abs/copy/of/seed.txt
;; Uses the configuration documented in docs/editors.md. Exits 1 on a failed check.
(require 'eglot)
(require 'project)
(setq eglot-sync-connect t eglot-autoshutdown t eglot-events-buffer-size 0)
(defun seed-fail (fmt &rest args)
  (princ (concat "FAIL: " (apply #'format fmt args) "\n"))
  (kill-emacs 1))
(let* ((server (nth 0 command-line-args-left))
       (file (nth 1 command-line-args-left)))
  (setq command-line-args-left nil)
  ;; as in docs/editors.md
  (add-to-list 'eglot-server-programs `((text-mode markdown-mode) . (,server "lsp")))
  ;; settings as in docs/editors.md; English, to see them reach the server
  (setq-default eglot-workspace-configuration '(:jiaodui (:locale "en")))
  (find-file file)
  (text-mode)
  ;; batch mode: no post-command-hook, so eglot-ensure never fires; start explicitly
  (let ((project-find-functions (list (lambda (_) (cons 'transient default-directory)))))
    (apply #'eglot (eglot--guess-contact)))
  (princ (format "emacs %s, eglot, server %S\n" emacs-version (eglot--server-info (eglot-current-server))))
  ;; 1. the first inline-pinyin diagnostic: line 1, after 手機 (2 characters; current-column
  ;; would say 4, CJK being double width)
  (let ((deadline (+ (float-time) 15)))
    (while (and (not (seq-some (lambda (d) (string-match-p "inline pinyin annotation" (flymake-diagnostic-text d)))
                               (flymake-diagnostics)))
                (< (float-time) deadline))
      (accept-process-output nil 0.1)))
  (let* ((diags (sort (seq-filter (lambda (d) (string-match-p "garble/inline-pinyin" (flymake-diagnostic-text d)))
                                  (flymake-diagnostics))
                      (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b)))))
         (d (car diags)))
    (unless d (seed-fail "no inline-pinyin diagnostics"))
    (unless (string-match-p "inline pinyin annotation" (flymake-diagnostic-text d))
      (seed-fail "locale en from eglot-workspace-configuration not applied: %s" (flymake-diagnostic-text d)))
    (let ((line (line-number-at-pos (flymake-diagnostic-beg d)))
          (col (save-excursion (goto-char (flymake-diagnostic-beg d)) (- (point) (line-beginning-position)))))
      (princ (format "%d diagnostics; first at line %d col %d: %s\n"
                     (length diags) line col (flymake-diagnostic-text d)))
      (unless (and (= line 1) (= col 2)) (seed-fail "first diagnostic not at line 1 col 2"))))
  ;; 2. the five sections
  (let* ((syms (jsonrpc-request (eglot-current-server) :textDocument/documentSymbol
                                (list :textDocument (eglot--TextDocumentIdentifier))))
         (names nil))
    (cl-labels ((walk (list) (seq-doseq (s list)
                               (push (plist-get s :name) names)
                               (walk (or (plist-get s :children) [])))))
      (walk syms))
    (setq names (nreverse names))
    (princ (format "symbols: %s\n" (mapconcat #'identity names " | ")))
    (let ((sections (seq-filter (lambda (n) (string-match-p "^[一二三四五]、" n)) names)))
      (unless (equal (mapcar (lambda (n) (substring n 0 2)) sections) '("一、" "二、" "三、" "四、" "五、"))
        (seed-fail "sections: %S" sections))))
  ;; 3. hover on the first finding
  (let ((h (jsonrpc-request (eglot-current-server) :textDocument/hover
                            (list :textDocument (eglot--TextDocumentIdentifier)
                                  :position (list :line 0 :character 3)))))
    (unless (and h (string-match-p "garble/inline-pinyin" (plist-get (plist-get h :contents) :value)))
      (seed-fail "hover on (jī): %S" h))
    (princ "hover on (jī): ok\n"))
  ;; shutdown may be sent with "params": null; the server must accept it
  (condition-case e (eglot-shutdown (eglot-current-server))
    (error (seed-fail "shutdown: %S" e)))
  (princ "OK\n")
  (kill-emacs 0))
